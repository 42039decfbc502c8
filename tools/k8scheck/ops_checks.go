package main

// Checks of the operations parts of the chart: the drain deadline, the grading sweep, the
// ServiceMonitor and the Grafana dashboard.

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// drainMarginSeconds: auxpro-server exits at the latest --drain_delay_seconds +
// --shutdown_grace_seconds + 3 after SIGTERM (kDrainMarginSeconds in server_options.h).
const drainMarginSeconds = 3

// --- drain-deadline: every server container drains as values.drain says, and its pod's
// terminationGracePeriodSeconds outlasts the drain, so the kubelet never SIGKILLs a draining pod.
func checkDrainDeadline(r *Rendered) []error {
	var errs []error
	wantDelay := r.Values.integer("drain", "delaySeconds")
	wantGrace := r.Values.integer("drain", "graceSeconds")
	for _, d := range r.serverDeployments() {
		spec := d.Spec.Template.Spec
		for _, c := range spec.Containers {
			where := fmt.Sprintf("Deployment %s container %s", d.Name, c.Name)
			delay, ok1 := argValue(c.Args, "--drain_delay_seconds")
			grace, ok2 := argValue(c.Args, "--shutdown_grace_seconds")
			if !ok1 || !ok2 {
				errs = append(errs, errf("%s: --drain_delay_seconds and --shutdown_grace_seconds must be set", where))
				continue
			}
			dl, err1 := strconv.Atoi(delay)
			gr, err2 := strconv.Atoi(grace)
			if err1 != nil || err2 != nil {
				errs = append(errs, errf("%s: drain flags are not numbers: %q %q", where, delay, grace))
				continue
			}
			if dl != wantDelay || gr != wantGrace {
				errs = append(errs, errf("%s: drains %d+%d s, values.drain says %d+%d", where, dl, gr, wantDelay, wantGrace))
			}
			if spec.TerminationGracePeriodSeconds == nil {
				errs = append(errs, errf("Deployment %s: no terminationGracePeriodSeconds", d.Name))
				continue
			}
			if need := int64(dl + gr + drainMarginSeconds); *spec.TerminationGracePeriodSeconds <= need {
				errs = append(errs, errf("Deployment %s: terminationGracePeriodSeconds %d does not outlast the drain (%d s)", d.Name, *spec.TerminationGracePeriodSeconds, need))
			}
		}
	}
	return errs
}

// --- grading-sweep: the server containers that host grading (--target lists it) run the
// grading sweep scheduler as values.gradingSweep.intervalSeconds says (the flag absent when it is
// 0); no container that does not host grading gets the flag.
func checkGradingSweep(r *Rendered) []error {
	var errs []error
	want := r.Values.integer("gradingSweep", "intervalSeconds")
	for _, d := range r.serverDeployments() {
		for _, c := range d.Spec.Template.Spec.Containers {
			where := fmt.Sprintf("Deployment %s container %s", d.Name, c.Name)
			target, _ := argValue(c.Args, "--target")
			hostsGrading := false
			for _, t := range strings.Split(target, ",") {
				hostsGrading = hostsGrading || t == "grading"
			}
			got, has := argValue(c.Args, "--grading_sweep_interval_seconds")
			switch {
			case !hostsGrading && has:
				errs = append(errs, errf("%s: --grading_sweep_interval_seconds on a server that does not host grading", where))
			case hostsGrading && want == 0 && has:
				errs = append(errs, errf("%s: --grading_sweep_interval_seconds=%s, values.gradingSweep says off", where, got))
			case hostsGrading && want > 0 && got != strconv.Itoa(want):
				errs = append(errs, errf("%s: --grading_sweep_interval_seconds=%q, values.gradingSweep.intervalSeconds is %d", where, got, want))
			}
		}
	}
	return errs
}

// --- service-monitor: with metrics and metrics.serviceMonitor enabled, exactly one
// ServiceMonitor, in the release's namespace, selecting every Service of a Deployment (and only
// the release's), scraping their `metrics` port at /metrics; each such Service declares that port
// on the pods' metrics container port, which --metrics_listen serves. None when disabled.
func checkServiceMonitor(r *Rendered) []error {
	var errs []error
	sms := of[*ServiceMonitor](r)
	enabled := r.Values.boolean("metrics", "enabled")
	if !enabled || !r.Values.boolean("metrics", "serviceMonitor", "enabled") {
		if len(sms) > 0 {
			errs = append(errs, errf("metrics.serviceMonitor is off but %d ServiceMonitors rendered", len(sms)))
		}
	}
	port := int32(r.Values.integer("metrics", "port"))
	svcs := map[string]*corev1.Service{}
	for _, s := range of[*corev1.Service](r) {
		svcs[s.Name] = s
	}
	for _, d := range r.serverDeployments() {
		if !enabled {
			continue
		}
		declared := false
		for _, c := range d.Spec.Template.Spec.Containers {
			for _, p := range c.Ports {
				if p.Name == "metrics" && p.ContainerPort == port {
					declared = true
					if !hasArg(c.Args, fmt.Sprintf("--metrics_listen=0.0.0.0:%d", port)) {
						errs = append(errs, errf("Deployment %s: port metrics declared but no --metrics_listen on it", d.Name))
					}
				}
			}
		}
		if !declared {
			errs = append(errs, errf("Deployment %s: no container port metrics (%d)", d.Name, port))
		}
		s := svcs[d.Name]
		if s == nil {
			continue // the services check reports it
		}
		found := false
		for _, p := range s.Spec.Ports {
			if p.Name == "metrics" && p.TargetPort.String() == "metrics" {
				found = true
			}
		}
		if !found {
			errs = append(errs, errf("Service %s has no port metrics -> metrics", s.Name))
		}
	}
	if !enabled || !r.Values.boolean("metrics", "serviceMonitor", "enabled") {
		return errs
	}
	if len(sms) != 1 {
		return append(errs, errf("want one ServiceMonitor, got %d", len(sms)))
	}
	sm := sms[0]
	if !reflect.DeepEqual(sm.Spec.Selector.MatchLabels, r.selectorLabels()) || len(sm.Spec.Selector.MatchExpressions) > 0 {
		errs = append(errs, errf("ServiceMonitor %s selects %v, not the release's Services %v", sm.Name, sm.Spec.Selector.MatchLabels, r.selectorLabels()))
	}
	for _, s := range svcs {
		for k, v := range sm.Spec.Selector.MatchLabels {
			if s.Labels[k] != v {
				errs = append(errs, errf("ServiceMonitor %s does not select Service %s (label %s)", sm.Name, s.Name, k))
			}
		}
	}
	if sm.Spec.NamespaceSelector == nil || sm.Spec.NamespaceSelector.Any || len(sm.Spec.NamespaceSelector.MatchNames) != 1 {
		errs = append(errs, errf("ServiceMonitor %s must select exactly the release's namespace", sm.Name))
	}
	if len(sm.Spec.Endpoints) != 1 {
		return append(errs, errf("ServiceMonitor %s: want one endpoint, got %d", sm.Name, len(sm.Spec.Endpoints)))
	}
	ep := sm.Spec.Endpoints[0]
	if ep.Port != "metrics" || ep.Path != "/metrics" || (ep.Scheme != "" && ep.Scheme != "http") {
		errs = append(errs, errf("ServiceMonitor %s scrapes port %q path %q scheme %q, want metrics /metrics http", sm.Name, ep.Port, ep.Path, ep.Scheme))
	}
	duration := regexp.MustCompile(`^[0-9]+(ms|s|m|h)$`)
	for what, v := range map[string]string{"interval": ep.Interval, "scrapeTimeout": ep.ScrapeTimeout} {
		if v != "" && !duration.MatchString(v) {
			errs = append(errs, errf("ServiceMonitor %s: %s %q is not a Prometheus duration", sm.Name, what, v))
		}
	}
	return errs
}

// The series auxpro-server exports (libs/metrics/metrics.cc, libs/service/host_metrics.cc,
// services/grading/sweep_scheduler.cc), with
// the _bucket/_sum/_count series of the histogram.
var exportedSeries = map[string]bool{
	"auxpro_rpc_requests_total": true, "auxpro_rpc_duration_seconds_bucket": true,
	"auxpro_rpc_duration_seconds_sum": true, "auxpro_rpc_duration_seconds_count": true,
	"auxpro_audit_verifications_total": true, "auxpro_db_pool_connections": true,
	"auxpro_db_pool_waiting": true, "auxpro_db_pool_size": true, "auxpro_outbox_pending": true,
	"auxpro_outbox_oldest_pending_seconds": true, "auxpro_outbox_parked": true,
	"auxpro_work_queue_depth": true, "auxpro_work_queue_capacity": true,
	// services/grading/sweep_scheduler.cc
	"auxpro_grading_sweep_ticks_total": true, "auxpro_grading_sweep_actions_total": true,
	"auxpro_grading_sweep_errors_total": true, "auxpro_grading_sweep_last_success_timestamp_seconds": true,
}

type dashboard struct {
	UID    string `json:"uid"`
	Title  string `json:"title"`
	Panels []struct {
		Title   string `json:"title"`
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

// --- grafana-dashboard: with metrics.dashboard enabled, one ConfigMap carrying the dashboard
// labels whose JSON parses, has a uid, a title and panels, every panel a query, every query only
// series the server exports, and panels for traffic, errors, latency and saturation per service
// and traffic per agency kind. None when disabled.
func checkDashboard(r *Rendered) []error {
	var errs []error
	labels := r.Values.mapAt("metrics", "dashboard", "labels")
	var cms []*corev1.ConfigMap
	for _, c := range of[*corev1.ConfigMap](r) {
		if c.Name == r.Fullname()+"-dashboard" {
			cms = append(cms, c)
		}
	}
	if !r.Values.boolean("metrics", "dashboard", "enabled") {
		if len(cms) > 0 {
			errs = append(errs, errf("metrics.dashboard is off but the dashboard ConfigMap rendered"))
		}
		return errs
	}
	if len(cms) != 1 {
		return append(errs, errf("want one ConfigMap %s-dashboard, got %d", r.Fullname(), len(cms)))
	}
	cm := cms[0]
	for k, v := range labels {
		if cm.Labels[k] != fmt.Sprint(v) {
			errs = append(errs, errf("ConfigMap %s lacks the sidecar label %s=%v", cm.Name, k, v))
		}
	}
	if len(cm.Data) != 1 {
		errs = append(errs, errf("ConfigMap %s: want one dashboard file, got %d", cm.Name, len(cm.Data)))
	}
	seriesRe := regexp.MustCompile(`\bauxpro_[a-z_]+`)
	for file, text := range cm.Data {
		var d dashboard
		dec := json.NewDecoder(stringsReader(text))
		if err := dec.Decode(&d); err != nil {
			errs = append(errs, errf("ConfigMap %s %s: not JSON: %v", cm.Name, file, err))
			continue
		}
		if d.UID == "" || d.Title == "" || len(d.Panels) == 0 {
			errs = append(errs, errf("ConfigMap %s %s: a dashboard needs uid, title and panels", cm.Name, file))
		}
		grouped := map[string]bool{}
		for _, p := range d.Panels {
			if len(p.Targets) == 0 {
				errs = append(errs, errf("%s: panel %q has no query", file, p.Title))
			}
			for _, t := range p.Targets {
				names := seriesRe.FindAllString(t.Expr, -1)
				if len(names) == 0 {
					errs = append(errs, errf("%s: panel %q queries no auxpro series: %s", file, p.Title, t.Expr))
				}
				for _, n := range names {
					if !exportedSeries[n] {
						errs = append(errs, errf("%s: panel %q queries %s, which the server does not export", file, p.Title, n))
					}
					grouped[n] = true
				}
				if regexp.MustCompile(`by \([^)]*agency_kind`).MatchString(t.Expr) {
					grouped["per-agency"] = true
				}
			}
		}
		for _, want := range []string{"auxpro_rpc_requests_total", "auxpro_rpc_duration_seconds_bucket", "auxpro_db_pool_waiting", "auxpro_work_queue_depth", "auxpro_outbox_oldest_pending_seconds", "per-agency"} {
			if !grouped[want] {
				errs = append(errs, errf("%s: no panel on %s", file, want))
			}
		}
	}
	return errs
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"reflect"
	"sort"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Rendered: one `helm template` output with the values it was rendered from.
type Rendered struct {
	Values   Values
	Release  string
	Objects  []Object
	fullname string
}

func (r *Rendered) chartName() string { return "auxpro" }

// Fullname mirrors the chart's auxpro.fullname helper.
func (r *Rendered) Fullname() string {
	if r.fullname != "" {
		return r.fullname
	}
	n := r.Release + "-" + r.chartName()
	if strings.Contains(r.Release, r.chartName()) {
		n = r.Release
	}
	if len(n) > 50 {
		n = n[:50]
	}
	r.fullname = strings.TrimSuffix(n, "-")
	return r.fullname
}

func (r *Rendered) selectorLabels() map[string]string {
	return map[string]string{"app.kubernetes.io/name": r.chartName(), "app.kubernetes.io/instance": r.Release}
}

// deploymentServices: Deployment short name -> the services it hosts (its DB secrets).
func (r *Rendered) deploymentServices() map[string][]string {
	out := map[string][]string{}
	if r.Values.str("deploymentMode") == "AllInOne" {
		out["all"] = r.Values.enabledServices()
		return out
	}
	for _, s := range r.Values.enabledServices() {
		out[s] = []string{s}
	}
	return out
}

func of[T any](r *Rendered) []T {
	var out []T
	for _, o := range r.Objects {
		if t, ok := o.Obj.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// gatewayComponent: the component label of the web gateway's pods (templates/web-gateway.yaml).
const gatewayComponent = "web-gateway"

func isGatewayPod(labels map[string]string) bool {
	return labels["app.kubernetes.io/component"] == gatewayComponent
}

// serverDeployments: the auxpro-server Deployments (every Deployment but the web gateway's).
func (r *Rendered) serverDeployments() []*appsv1.Deployment {
	var out []*appsv1.Deployment
	for _, d := range of[*appsv1.Deployment](r) {
		if !isGatewayPod(d.Spec.Template.Labels) {
			out = append(out, d)
		}
	}
	return out
}

func isHook(annotations map[string]string) bool { _, ok := annotations["helm.sh/hook"]; return ok }

// Check is one named test on the rendered output.
type Check struct {
	Name string
	Run  func(r *Rendered) []error
}

var checks = []Check{
	{"deployments-per-mode", checkDeploymentsPerMode},
	{"pod-security", checkPodSecurity},
	{"probes-and-resources", checkProbesAndResources},
	{"services", checkServices},
	{"network-policies", checkNetworkPolicies},
	{"pod-disruption-budgets", checkPDBs},
	{"migrations-hook-first", checkMigrationsHook},
	{"checksum-config", checkChecksumConfig},
	{"db-secret-per-service", checkDBSecrets},
	{"endpoint-per-agency", checkAgencyEndpoints},
	{"gateway-api-endpoints", checkGatewayAPIEndpoints},
	{"drain-deadline", checkDrainDeadline},
	{"grading-sweep", checkGradingSweep},
	{"service-monitor", checkServiceMonitor},
	{"grafana-dashboard", checkDashboard},
	{"web-gateway", checkWebGateway},
}

func errf(format string, a ...interface{}) error { return fmt.Errorf(format, a...) }

// --- Deployments: one per service (Microservices) or one `all` (AllInOne), from one template.
func checkDeploymentsPerMode(r *Rendered) []error {
	var errs []error
	want := map[string]bool{}
	for name := range r.deploymentServices() {
		want[r.Fullname()+"-"+name] = true
	}
	got := map[string]bool{}
	for _, d := range r.serverDeployments() {
		got[d.Name] = true
		if !want[d.Name] {
			errs = append(errs, errf("Deployment %s is not expected in mode %s", d.Name, r.Values.str("deploymentMode")))
		}
		if isHook(d.Annotations) {
			errs = append(errs, errf("Deployment %s is a helm hook", d.Name))
		}
		for k, v := range d.Spec.Selector.MatchLabels {
			if d.Spec.Template.Labels[k] != v {
				errs = append(errs, errf("Deployment %s: selector %s=%s not on its pods", d.Name, k, v))
			}
		}
	}
	for n := range want {
		if !got[n] {
			errs = append(errs, errf("Deployment %s missing", n))
		}
	}
	if len(want) == 0 {
		errs = append(errs, errf("no service enabled"))
	}
	return errs
}

type podOwner struct {
	what string
	spec corev1.PodSpec
	meta map[string]string // pod template labels
}

func (r *Rendered) pods() []podOwner {
	var out []podOwner
	for _, d := range of[*appsv1.Deployment](r) {
		out = append(out, podOwner{"Deployment " + d.Name, d.Spec.Template.Spec, d.Spec.Template.Labels})
	}
	for _, j := range of[*batchv1.Job](r) {
		out = append(out, podOwner{"Job " + j.Name, j.Spec.Template.Spec, j.Spec.Template.Labels})
	}
	for _, s := range of[*appsv1.StatefulSet](r) {
		out = append(out, podOwner{"StatefulSet " + s.Name, s.Spec.Template.Spec, s.Spec.Template.Labels})
	}
	for _, s := range of[*appsv1.DaemonSet](r) {
		out = append(out, podOwner{"DaemonSet " + s.Name, s.Spec.Template.Spec, s.Spec.Template.Labels})
	}
	for _, p := range of[*corev1.Pod](r) {
		out = append(out, podOwner{"Pod " + p.Name, p.Spec, p.Labels})
	}
	return out
}

// --- Every pod: non-root (pod and container), read-only root, no privilege escalation, all
// capabilities dropped, writable paths only on emptyDir volumes, no service-account token.
func checkPodSecurity(r *Rendered) []error {
	var errs []error
	for _, p := range r.pods() {
		psc := p.spec.SecurityContext
		if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot {
			errs = append(errs, errf("%s: pod securityContext.runAsNonRoot is not true", p.what))
		}
		if psc == nil || psc.RunAsUser == nil || *psc.RunAsUser == 0 {
			errs = append(errs, errf("%s: pod securityContext.runAsUser is unset or 0", p.what))
		}
		if p.spec.HostNetwork || p.spec.HostPID || p.spec.HostIPC {
			errs = append(errs, errf("%s: uses a host namespace", p.what))
		}
		if p.spec.AutomountServiceAccountToken == nil || *p.spec.AutomountServiceAccountToken {
			errs = append(errs, errf("%s: automountServiceAccountToken is not false", p.what))
		}
		emptyDirs := map[string]bool{}
		for _, v := range p.spec.Volumes {
			if v.EmptyDir != nil {
				emptyDirs[v.Name] = true
			}
			if v.HostPath != nil {
				errs = append(errs, errf("%s: hostPath volume %s", p.what, v.Name))
			}
		}
		all := append(append([]corev1.Container{}, p.spec.InitContainers...), p.spec.Containers...)
		for _, c := range all {
			sc := c.SecurityContext
			where := fmt.Sprintf("%s container %s", p.what, c.Name)
			if sc == nil {
				errs = append(errs, errf("%s: no securityContext", where))
				continue
			}
			if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
				errs = append(errs, errf("%s: readOnlyRootFilesystem is not true", where))
			}
			if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
				errs = append(errs, errf("%s: allowPrivilegeEscalation is not false", where))
			}
			if sc.Privileged != nil && *sc.Privileged {
				errs = append(errs, errf("%s: privileged", where))
			}
			if sc.RunAsNonRoot != nil && !*sc.RunAsNonRoot {
				errs = append(errs, errf("%s: runAsNonRoot false overrides the pod", where))
			}
			if sc.RunAsUser != nil && *sc.RunAsUser == 0 {
				errs = append(errs, errf("%s: runAsUser 0", where))
			}
			if sc.Capabilities == nil || !containsCap(sc.Capabilities.Drop, "ALL") || len(sc.Capabilities.Add) > 0 {
				errs = append(errs, errf("%s: capabilities must drop ALL and add none", where))
			}
			for _, m := range c.VolumeMounts {
				if !m.ReadOnly && !emptyDirs[m.Name] {
					errs = append(errs, errf("%s: writable mount %s at %s is not an emptyDir", where, m.Name, m.MountPath))
				}
			}
		}
	}
	if len(r.pods()) == 0 {
		errs = append(errs, errf("no pod templates rendered"))
	}
	return errs
}

func containsCap(l []corev1.Capability, c corev1.Capability) bool {
	for _, x := range l {
		if x == c {
			return true
		}
	}
	return false
}

// --- Every container: CPU and memory requests and a memory limit; every long-running container:
// startup, liveness and readiness probes on a port it declares (the plaintext health port).
func checkProbesAndResources(r *Rendered) []error {
	var errs []error
	healthPort := int32(r.Values.integer("healthPort"))
	for _, p := range r.pods() {
		if isGatewayPod(p.meta) {
			continue // HTTP probes: checkWebGateway
		}
		longRunning := !strings.HasPrefix(p.what, "Job ")
		for _, c := range p.spec.Containers {
			where := fmt.Sprintf("%s container %s", p.what, c.Name)
			req, lim := c.Resources.Requests, c.Resources.Limits
			if req.Cpu().IsZero() || req.Memory().IsZero() {
				errs = append(errs, errf("%s: cpu and memory requests must be set", where))
			}
			if lim.Memory().IsZero() {
				errs = append(errs, errf("%s: memory limit must be set", where))
			} else if lim.Memory().Cmp(*req.Memory()) < 0 {
				errs = append(errs, errf("%s: memory limit below its request", where))
			}
			if !longRunning {
				continue
			}
			ports := map[int32]bool{}
			for _, cp := range c.Ports {
				ports[cp.ContainerPort] = true
			}
			for kind, pr := range map[string]*corev1.Probe{"startup": c.StartupProbe, "liveness": c.LivenessProbe, "readiness": c.ReadinessProbe} {
				if pr == nil {
					errs = append(errs, errf("%s: no %s probe", where, kind))
					continue
				}
				if pr.GRPC == nil {
					errs = append(errs, errf("%s: %s probe is not a gRPC health probe", where, kind))
					continue
				}
				if pr.GRPC.Port != healthPort || !ports[pr.GRPC.Port] {
					errs = append(errs, errf("%s: %s probe port %d is not the declared health port %d", where, kind, pr.GRPC.Port, healthPort))
				}
				if pr.PeriodSeconds < 1 || pr.TimeoutSeconds < 1 || pr.FailureThreshold < 1 {
					errs = append(errs, errf("%s: %s probe timing not set", where, kind))
				}
			}
			if c.LivenessProbe != nil && c.ReadinessProbe != nil && reflect.DeepEqual(c.LivenessProbe, c.ReadinessProbe) &&
				c.ReadinessProbe.GRPC != nil && r.Values.str("deploymentMode") == "Microservices" {
				errs = append(errs, errf("%s: readiness asks the same as liveness; it should ask for its service", where))
			}
			if !hasArg(c.Args, fmt.Sprintf("--health_listen=0.0.0.0:%d", healthPort)) {
				errs = append(errs, errf("%s: no --health_listen on the health port", where))
			}
		}
	}
	return errs
}

func hasArg(args []string, a string) bool {
	for _, x := range args {
		if x == a {
			return true
		}
	}
	return false
}

func argValue(args []string, flag string) (string, bool) {
	for _, x := range args {
		if strings.HasPrefix(x, flag+"=") {
			return strings.TrimPrefix(x, flag+"="), true
		}
	}
	return "", false
}

// --- One ClusterIP Service per Deployment exposing only the gRPC port (never the health port).
func checkServices(r *Rendered) []error {
	var errs []error
	svcs := map[string]*corev1.Service{}
	for _, s := range of[*corev1.Service](r) {
		svcs[s.Name] = s
	}
	for _, d := range of[*appsv1.Deployment](r) {
		s := svcs[d.Name]
		if s == nil {
			errs = append(errs, errf("Deployment %s has no Service of the same name", d.Name))
			continue
		}
		if !reflect.DeepEqual(s.Spec.Selector, d.Spec.Selector.MatchLabels) {
			errs = append(errs, errf("Service %s selects %v, its Deployment's pods are %v", s.Name, s.Spec.Selector, d.Spec.Selector.MatchLabels))
		}
		for _, p := range s.Spec.Ports {
			if p.Port == int32(r.Values.integer("healthPort")) || p.TargetPort.String() == "health" {
				errs = append(errs, errf("Service %s exposes the plaintext health port", s.Name))
			}
			if p.TargetPort.Type == intstr.String && !containerPortNamed(d.Spec.Template.Spec, p.TargetPort.StrVal) {
				errs = append(errs, errf("Service %s targets port %q that its pods do not declare", s.Name, p.TargetPort.StrVal))
			}
		}
	}
	return errs
}

func containerPortNamed(spec corev1.PodSpec, name string) bool {
	for _, c := range spec.Containers {
		for _, p := range c.Ports {
			if p.Name == name {
				return true
			}
		}
	}
	return false
}

// --- NetworkPolicies: a default-deny policy (both directions, no rule) over every auxpro pod, and
// allow rules that are exactly the flows declared in values, each naming its ports.
func checkNetworkPolicies(r *Rendered) []error {
	var errs []error
	nps := of[*networkingv1.NetworkPolicy](r)
	if !r.Values.boolean("networkPolicy", "enabled") {
		if len(nps) > 0 {
			errs = append(errs, errf("networkPolicy.enabled is false but %d NetworkPolicies rendered", len(nps)))
		}
		return errs
	}
	sel := r.selectorLabels()
	var deny *networkingv1.NetworkPolicy
	got := map[string]bool{}
	for _, np := range nps {
		group := podGroup(np.Spec.PodSelector, sel)
		if group == "" {
			errs = append(errs, errf("NetworkPolicy %s selects %v, neither the release's pods %v, its server pods nor its web gateway pods", np.Name, canonical(np.Spec.PodSelector), sel))
			continue
		}
		if len(np.Spec.Ingress) == 0 && len(np.Spec.Egress) == 0 {
			if group != "all" {
				continue
			}
			types := map[networkingv1.PolicyType]bool{}
			for _, t := range np.Spec.PolicyTypes {
				types[t] = true
			}
			if types[networkingv1.PolicyTypeIngress] && types[networkingv1.PolicyTypeEgress] {
				deny = np
			}
			continue
		}
		if group == "all" {
			errs = append(errs, errf("NetworkPolicy %s opens flows for every pod of the release, the web gateway's and the servers' alike", np.Name))
			continue
		}
		for _, rule := range np.Spec.Ingress {
			errs = append(errs, flows(np.Name, group+" ingress", rule.Ports, rule.From, got)...)
		}
		for _, rule := range np.Spec.Egress {
			errs = append(errs, flows(np.Name, group+" egress", rule.Ports, rule.To, got)...)
		}
	}
	if deny == nil {
		errs = append(errs, errf("no default-deny NetworkPolicy (policyTypes Ingress+Egress, no rules) over the release's pods"))
	}
	for _, p := range r.pods() {
		for k, v := range sel {
			if p.meta[k] != v {
				errs = append(errs, errf("%s: pods lack label %s=%s, so the NetworkPolicies do not cover them", p.what, k, v))
			}
		}
	}
	want := r.declaredFlows()
	for f := range want {
		if !got[f] {
			errs = append(errs, errf("declared flow not allowed: %s", f))
		}
	}
	for f := range got {
		if !want[f] {
			errs = append(errs, errf("flow allowed but not declared: %s", f))
		}
	}
	hp := strconv.Itoa(r.Values.integer("healthPort"))
	for f := range got {
		if strings.HasPrefix(f, "server ingress TCP/"+hp+" ") {
			errs = append(errs, errf("the plaintext health port is opened: %s", f))
		}
	}
	return errs
}

func flows(np, dir string, ports []networkingv1.NetworkPolicyPort, peers []networkingv1.NetworkPolicyPeer, got map[string]bool) []error {
	var errs []error
	if len(ports) == 0 {
		errs = append(errs, errf("NetworkPolicy %s: an %s rule allows every port", np, dir))
	}
	peerStrs := []string{"any"}
	if len(peers) > 0 {
		peerStrs = nil
		for _, p := range peers {
			peerStrs = append(peerStrs, canonical(p))
		}
	}
	for _, port := range ports {
		proto := "TCP"
		if port.Protocol != nil {
			proto = string(*port.Protocol)
		}
		if port.Port == nil {
			errs = append(errs, errf("NetworkPolicy %s: an %s rule has a protocol without a port", np, dir))
			continue
		}
		for _, p := range peerStrs {
			got[fmt.Sprintf("%s %s/%s %s", dir, proto, port.Port.String(), p)] = true
		}
	}
	return errs
}

// notGateway: the selector expression that leaves the web gateway's pods out.
var notGateway = metav1.LabelSelectorRequirement{Key: "app.kubernetes.io/component",
	Operator: metav1.LabelSelectorOpNotIn, Values: []string{gatewayComponent}}

// podGroup: which pods a NetworkPolicy selects: "all" (the release's), "server" (all but the web
// gateway's) or "gateway" (the web gateway's); "" for anything else.
func podGroup(ps metav1.LabelSelector, sel map[string]string) string {
	gw := map[string]string{"app.kubernetes.io/component": gatewayComponent}
	for k, v := range sel {
		gw[k] = v
	}
	switch {
	case reflect.DeepEqual(ps.MatchLabels, sel) && len(ps.MatchExpressions) == 0:
		return "all"
	case reflect.DeepEqual(ps.MatchLabels, sel) && len(ps.MatchExpressions) == 1 &&
		reflect.DeepEqual(ps.MatchExpressions[0], notGateway):
		return "server"
	case reflect.DeepEqual(ps.MatchLabels, gw) && len(ps.MatchExpressions) == 0:
		return "gateway"
	}
	return ""
}

// declaredFlows: what values say the pods may do (the chart's header comment in networkpolicy.yaml),
// as "<server|gateway> <ingress|egress> <proto>/<port> <peer>".
func (r *Rendered) declaredFlows() map[string]bool {
	out := map[string]bool{}
	for f := range r.declaredServerFlows() {
		out["server "+f] = true
	}
	v := r.Values
	if v.boolean("webGateway", "enabled") && len(v.list("webGateway", "agencies")) > 0 {
		in := "gateway ingress TCP/" + strconv.Itoa(v.integer("webGateway", "port")) + " "
		from := v.list("webGateway", "networkPolicy", "ingressFrom")
		if len(from) == 0 {
			out[in+"any"] = true
		}
		for _, f := range from {
			out[in+canonical(f)] = true
		}
		server := metav1.LabelSelector{MatchLabels: r.selectorLabels(), MatchExpressions: []metav1.LabelSelectorRequirement{notGateway}}
		out["gateway egress TCP/"+strconv.Itoa(v.integer("grpcPort"))+" "+canonical(map[string]interface{}{"podSelector": server})] = true
		if v.boolean("networkPolicy", "allowDNS") {
			out["gateway egress UDP/53 "+dnsPeer()] = true
			out["gateway egress TCP/53 "+dnsPeer()] = true
		}
	}
	return out
}

func dnsPeer() string {
	return canonical(map[string]interface{}{
		"namespaceSelector": map[string]interface{}{"matchLabels": map[string]string{"kubernetes.io/metadata.name": "kube-system"}},
		"podSelector":       map[string]interface{}{"matchLabels": map[string]string{"k8s-app": "kube-dns"}},
	})
}

func (r *Rendered) declaredServerFlows() map[string]bool {
	v := r.Values
	out := map[string]bool{}
	grpc := strconv.Itoa(v.integer("grpcPort"))
	from := v.list("networkPolicy", "ingressFrom")
	if len(from) == 0 {
		out["ingress TCP/"+grpc+" any"] = true
	}
	for _, f := range from {
		out["ingress TCP/"+grpc+" "+canonical(f)] = true
	}
	if v.boolean("metrics", "enabled") {
		mp := "ingress TCP/" + strconv.Itoa(v.integer("metrics", "port")) + " "
		scrape := v.list("metrics", "scrapeFrom")
		if len(scrape) == 0 {
			out[mp+"any"] = true
		}
		for _, f := range scrape {
			out[mp+canonical(f)] = true
		}
	}
	db := "egress TCP/" + strconv.Itoa(v.integer("database", "port")) + " "
	switch {
	case v.str("database", "cidr") != "":
		out[db+canonical(map[string]interface{}{"ipBlock": map[string]interface{}{"cidr": v.str("database", "cidr")}})] = true
	case len(v.mapAt("database", "namespaceSelector")) > 0 || len(v.mapAt("database", "podSelector")) > 0:
		peer := map[string]interface{}{}
		if ns := v.mapAt("database", "namespaceSelector"); len(ns) > 0 {
			peer["namespaceSelector"] = map[string]interface{}{"matchLabels": ns}
		}
		if ps := v.mapAt("database", "podSelector"); len(ps) > 0 {
			peer["podSelector"] = map[string]interface{}{"matchLabels": ps}
		}
		out[db+canonical(peer)] = true
	default:
		out[db+"any"] = true
	}
	out["egress TCP/"+grpc+" "+canonical(map[string]interface{}{"podSelector": map[string]interface{}{"matchLabels": r.selectorLabels()}})] = true
	if v.boolean("networkPolicy", "allowDNS") {
		dns := canonical(map[string]interface{}{
			"namespaceSelector": map[string]interface{}{"matchLabels": map[string]string{"kubernetes.io/metadata.name": "kube-system"}},
			"podSelector":       map[string]interface{}{"matchLabels": map[string]string{"k8s-app": "kube-dns"}},
		})
		out["egress UDP/53 "+dns] = true
		out["egress TCP/53 "+dns] = true
	}
	return out
}

// --- One PodDisruptionBudget per Deployment, selecting exactly its pods and allowing a drain.
func checkPDBs(r *Rendered) []error {
	var errs []error
	pdbs := of[*policyv1.PodDisruptionBudget](r)
	for _, d := range of[*appsv1.Deployment](r) {
		var match []*policyv1.PodDisruptionBudget
		for _, p := range pdbs {
			if p.Spec.Selector != nil && reflect.DeepEqual(p.Spec.Selector.MatchLabels, d.Spec.Selector.MatchLabels) {
				match = append(match, p)
			}
		}
		if len(match) != 1 {
			errs = append(errs, errf("Deployment %s: %d PodDisruptionBudgets select its pods, want 1", d.Name, len(match)))
			continue
		}
		p := match[0]
		replicas := int32(1)
		if d.Spec.Replicas != nil {
			replicas = *d.Spec.Replicas
		}
		switch {
		case p.Spec.MaxUnavailable != nil:
			if n, err := intstr.GetScaledValueFromIntOrPercent(p.Spec.MaxUnavailable, int(replicas), true); err != nil || n < 1 {
				errs = append(errs, errf("PodDisruptionBudget %s: maxUnavailable %s allows no eviction", p.Name, p.Spec.MaxUnavailable.String()))
			}
		case p.Spec.MinAvailable != nil:
			if n, err := intstr.GetScaledValueFromIntOrPercent(p.Spec.MinAvailable, int(replicas), true); err != nil || int32(n) >= replicas {
				errs = append(errs, errf("PodDisruptionBudget %s: minAvailable %s with %d replicas blocks every drain", p.Name, p.Spec.MinAvailable.String(), replicas))
			}
		default:
			errs = append(errs, errf("PodDisruptionBudget %s sets neither minAvailable nor maxUnavailable", p.Name))
		}
	}
	for _, p := range pdbs {
		if p.Spec.Selector == nil || len(p.Spec.Selector.MatchLabels) == 0 {
			errs = append(errs, errf("PodDisruptionBudget %s selects every pod of the namespace", p.Name))
		}
	}
	return errs
}

// --- The migrations Job is a pre-install,pre-upgrade hook (helm runs hooks, by weight, before it
// applies any other object, so before the Deployments), runs --migrate_only for every enabled
// service, and needs nothing that the release itself creates (that does not exist yet then).
func checkMigrationsHook(r *Rendered) []error {
	var errs []error
	if r.Values.get("migrations", "enabled") == false {
		return nil
	}
	var job *batchv1.Job
	for _, j := range of[*batchv1.Job](r) {
		if j.Name == r.Fullname()+"-migrate" {
			job = j
		}
	}
	if job == nil {
		return []error{errf("no migrations Job %s-migrate", r.Fullname())}
	}
	hooks := map[string]bool{}
	for _, h := range strings.Split(job.Annotations["helm.sh/hook"], ",") {
		hooks[strings.TrimSpace(h)] = true
	}
	if !hooks["pre-install"] || !hooks["pre-upgrade"] {
		errs = append(errs, errf("Job %s: helm.sh/hook %q lacks pre-install and pre-upgrade", job.Name, job.Annotations["helm.sh/hook"]))
	}
	weight, err := strconv.Atoi(job.Annotations["helm.sh/hook-weight"])
	if err != nil {
		errs = append(errs, errf("Job %s: helm.sh/hook-weight %q is not a number", job.Name, job.Annotations["helm.sh/hook-weight"]))
	}
	if !strings.Contains(job.Annotations["helm.sh/hook-delete-policy"], "before-hook-creation") {
		errs = append(errs, errf("Job %s: a rerun needs hook-delete-policy before-hook-creation", job.Name))
	}
	// Other pre-install hooks that the Job needs must come first (lower weight).
	hookNames := map[string]bool{}
	for _, o := range r.Objects {
		if (o.Kind == "Job" && o.Meta.GetName() == job.Name) || !isHook(o.Meta.GetAnnotations()) {
			continue
		}
		w, _ := strconv.Atoi(o.Meta.GetAnnotations()["helm.sh/hook-weight"])
		if w < weight {
			hookNames[o.Kind+"/"+o.Meta.GetName()] = true
		}
	}
	for _, o := range r.Objects {
		if o.Kind == "Deployment" && isHook(o.Meta.GetAnnotations()) {
			errs = append(errs, errf("%s is a hook: it would not wait for the migrations", o))
		}
	}
	spec := job.Spec.Template.Spec
	if spec.RestartPolicy != corev1.RestartPolicyNever && spec.RestartPolicy != corev1.RestartPolicyOnFailure {
		errs = append(errs, errf("Job %s: restartPolicy %q", job.Name, spec.RestartPolicy))
	}
	if job.Spec.ActiveDeadlineSeconds == nil || job.Spec.BackoffLimit == nil {
		errs = append(errs, errf("Job %s: activeDeadlineSeconds and backoffLimit must bound it", job.Name))
	}
	if len(spec.Containers) != 1 {
		return append(errs, errf("Job %s: %d containers, want 1", job.Name, len(spec.Containers)))
	}
	c := spec.Containers[0]
	if !hasArg(c.Args, "--migrate_only") {
		errs = append(errs, errf("Job %s: no --migrate_only", job.Name))
	}
	if t, _ := argValue(c.Args, "--target"); t != strings.Join(r.Values.enabledServices(), ",") {
		errs = append(errs, errf("Job %s: --target=%s, want every enabled service %v", job.Name, t, r.Values.enabledServices()))
	}
	// Nothing the release creates as a normal object exists when a pre-install hook runs.
	created := map[string]bool{}
	for _, o := range r.Objects {
		if !isHook(o.Meta.GetAnnotations()) {
			created[o.Kind+"/"+o.Meta.GetName()] = true
		}
	}
	refs := []string{"ServiceAccount/" + orDefault(spec.ServiceAccountName, "default")}
	for _, v := range spec.Volumes {
		if v.ConfigMap != nil {
			refs = append(refs, "ConfigMap/"+v.ConfigMap.Name)
		}
		if v.Secret != nil {
			refs = append(refs, "Secret/"+v.Secret.SecretName)
		}
		if v.Projected != nil {
			for _, s := range v.Projected.Sources {
				if s.Secret != nil {
					refs = append(refs, "Secret/"+s.Secret.Name)
				}
				if s.ConfigMap != nil {
					refs = append(refs, "ConfigMap/"+s.ConfigMap.Name)
				}
			}
		}
	}
	for _, ref := range refs {
		if created[ref] && !hookNames[ref] {
			errs = append(errs, errf("Job %s uses %s, which the release creates only after the pre-install hooks", job.Name, ref))
		}
	}
	return errs
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// --- checksum/config on every Deployment's pods is the sha256 of the chart's config ConfigMap
// data (JSON, sorted keys), so changing the configuration rolls the pods.
func checkChecksumConfig(r *Rendered) []error {
	var errs []error
	var cm *corev1.ConfigMap
	for _, c := range of[*corev1.ConfigMap](r) {
		if c.Name == r.Fullname()+"-config" {
			cm = c
		}
	}
	if cm == nil {
		return []error{errf("no ConfigMap %s-config", r.Fullname())}
	}
	b, err := json.Marshal(cm.Data)
	if err != nil {
		return []error{err}
	}
	sum := sha256.Sum256(b)
	want := hex.EncodeToString(sum[:])
	for _, d := range r.serverDeployments() {
		got := d.Spec.Template.Annotations["checksum/config"]
		if got != want {
			errs = append(errs, errf("Deployment %s: checksum/config %q, want sha256 of %s data %s", d.Name, got, cm.Name, want))
		}
	}
	return errs
}

// --- One DB secret per service: a pod mounts, under /etc/auxpro/db, the secret <secrets.dbPrefix>-<svc>
// of each service it hosts and no other; the migrations Job mounts only the migration users'
// secrets <secrets.dbPrefix>-<svc>-migrate (as <svc>_migrate.password); no secret serves two.
func checkDBSecrets(r *Rendered) []error {
	var errs []error
	prefix := r.Values.str("secrets", "dbPrefix")
	if prefix == "" {
		return []error{errf("values: secrets.dbPrefix is empty")}
	}
	expect := func(svcs []string, migrate bool) map[string]string {
		m := map[string]string{}
		for _, s := range svcs {
			if migrate {
				m[prefix+"-"+s+"-migrate"] = s + "_migrate.password"
			} else {
				m[prefix+"-"+s] = s + ".password"
			}
		}
		return m
	}
	owners := map[string]string{}
	check := func(what string, spec corev1.PodSpec, svcs []string, migrate bool) {
		got := map[string]string{}
		var dbVol string
		for _, c := range spec.Containers {
			for _, m := range c.VolumeMounts {
				if m.MountPath == "/etc/auxpro/db" {
					dbVol = m.Name
					if !m.ReadOnly {
						errs = append(errs, errf("%s: DB secrets mounted writable", what))
					}
				}
			}
			if d, _ := argValue(c.Args, "--db_secrets_dir"); d != "/etc/auxpro/db" {
				errs = append(errs, errf("%s container %s: --db_secrets_dir=%q", what, c.Name, d))
			}
		}
		for _, v := range spec.Volumes {
			var secrets []corev1.SecretProjection
			if v.Projected != nil {
				for _, s := range v.Projected.Sources {
					if s.Secret != nil {
						secrets = append(secrets, *s.Secret)
					}
				}
			}
			if v.Secret != nil {
				secrets = append(secrets, corev1.SecretProjection{LocalObjectReference: corev1.LocalObjectReference{Name: v.Secret.SecretName}, Items: v.Secret.Items})
			}
			for _, s := range secrets {
				if !strings.HasPrefix(s.Name, prefix+"-") && v.Name != dbVol {
					continue
				}
				if v.Name != dbVol {
					errs = append(errs, errf("%s: DB secret %s in volume %s, not the DB volume", what, s.Name, v.Name))
				}
				if len(s.Items) != 1 || s.Items[0].Key != "password" {
					errs = append(errs, errf("%s: DB secret %s must project exactly its key \"password\"", what, s.Name))
					continue
				}
				got[s.Name] = s.Items[0].Path
			}
		}
		if want := expect(svcs, migrate); !reflect.DeepEqual(got, want) {
			errs = append(errs, errf("%s: DB secrets %v, want %v", what, got, want))
		}
		for name, path := range got {
			svc := strings.TrimSuffix(path, ".password")
			if o, ok := owners[name]; ok && o != svc {
				errs = append(errs, errf("DB secret %s serves both %s and %s", name, o, svc))
			}
			owners[name] = svc
		}
	}
	ds := r.deploymentServices()
	for _, d := range r.serverDeployments() {
		short := strings.TrimPrefix(d.Name, r.Fullname()+"-")
		check("Deployment "+d.Name, d.Spec.Template.Spec, ds[short], false)
	}
	for _, j := range of[*batchv1.Job](r) {
		check("Job "+j.Name, j.Spec.Template.Spec, r.Values.enabledServices(), true)
	}
	if len(owners) != 2*len(r.Values.enabledServices()) {
		errs = append(errs, errf("%d DB secrets for %d services (a runtime and a migration secret each)",
			len(owners), len(r.Values.enabledServices())))
	}
	return errs
}

// --- One endpoint per agency: an Ingress per ingress.agencies[] entry, on its own host, labelled
// with its name and kind, limited to its source ranges, routed to a Service of this release.
func checkAgencyEndpoints(r *Rendered) []error {
	var errs []error
	var ings []*networkingv1.Ingress
	for _, ing := range of[*networkingv1.Ingress](r) {
		if !isGatewayPod(ing.Labels) { // the web gateway's own: checkWebGateway
			ings = append(ings, ing)
		}
	}
	if !r.Values.boolean("ingress", "enabled") {
		if len(ings) > 0 {
			errs = append(errs, errf("ingress.enabled is false but %d Ingresses rendered", len(ings)))
		}
		return errs
	}
	agencies := r.Values.list("ingress", "agencies")
	if len(agencies) == 0 {
		return []error{errf("ingress.enabled with no agencies")}
	}
	annKey := r.Values.str("ingress", "sourceRangesAnnotation")
	svcs := map[string]*corev1.Service{}
	for _, s := range of[*corev1.Service](r) {
		svcs[s.Name] = s
	}
	hosts := map[string]string{}
	seen := map[string]bool{}
	for _, a := range agencies {
		am, _ := a.(map[string]interface{})
		name, _ := am["name"].(string)
		kind, _ := am["kind"].(string)
		host, _ := am["host"].(string)
		var ranges []string
		for _, x := range asList(am["sourceRanges"]) {
			s, _ := x.(string)
			ranges = append(ranges, s)
		}
		if other, dup := hosts[host]; dup {
			errs = append(errs, errf("agencies %s and %s share host %s", other, name, host))
		}
		hosts[host] = name
		var mine []*networkingv1.Ingress
		for _, ing := range ings {
			if ing.Labels["auxpro/agency"] == name {
				mine = append(mine, ing)
			}
		}
		if len(mine) != 1 {
			errs = append(errs, errf("agency %s: %d Ingresses, want 1", name, len(mine)))
			continue
		}
		ing := mine[0]
		seen[ing.Name] = true
		if ing.Labels["auxpro/agency-kind"] != kind {
			errs = append(errs, errf("Ingress %s: agency kind label %q, want %q", ing.Name, ing.Labels["auxpro/agency-kind"], kind))
		}
		if len(ing.Spec.Rules) != 1 || ing.Spec.Rules[0].Host != host {
			errs = append(errs, errf("Ingress %s: want exactly one rule for host %s", ing.Name, host))
		}
		if len(ranges) == 0 {
			errs = append(errs, errf("agency %s: no allowed source ranges", name))
		}
		for _, c := range ranges {
			if _, _, err := net.ParseCIDR(c); err != nil {
				errs = append(errs, errf("agency %s: source range %q is not a CIDR", name, c))
			}
		}
		if annKey == "" {
			errs = append(errs, errf("ingress.sourceRangesAnnotation is empty: source ranges would not be enforced"))
		} else if got := ing.Annotations[annKey]; got != strings.Join(ranges, ",") {
			errs = append(errs, errf("Ingress %s: %s=%q, want %q", ing.Name, annKey, got, strings.Join(ranges, ",")))
		}
		for _, rule := range ing.Spec.Rules {
			if rule.HTTP == nil {
				errs = append(errs, errf("Ingress %s: rule without backend", ing.Name))
				continue
			}
			for _, p := range rule.HTTP.Paths {
				b := p.Backend.Service
				if b == nil {
					errs = append(errs, errf("Ingress %s: path without a Service backend", ing.Name))
					continue
				}
				s := svcs[b.Name]
				if s == nil {
					errs = append(errs, errf("Ingress %s: backend Service %s is not rendered", ing.Name, b.Name))
					continue
				}
				found := false
				for _, sp := range s.Spec.Ports {
					if (b.Port.Name != "" && sp.Name == b.Port.Name) || (b.Port.Number != 0 && sp.Port == b.Port.Number) {
						found = true
					}
				}
				if !found {
					errs = append(errs, errf("Ingress %s: Service %s has no port %v", ing.Name, b.Name, b.Port))
				}
			}
		}
	}
	for _, ing := range ings {
		if !seen[ing.Name] {
			errs = append(errs, errf("Ingress %s belongs to no agency", ing.Name))
		}
	}
	return errs
}

func asList(x interface{}) []interface{} { l, _ := x.([]interface{}); return l }

func sortedKeys(m map[string]interface{}) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

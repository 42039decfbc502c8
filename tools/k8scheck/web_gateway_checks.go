package main

// web-gateway: the web gateway's pods (helm/auxpro/templates/web-gateway.yaml), one Deployment,
// Service, PodDisruptionBudget (checkPDBs) and, with a host, Ingress per webGateway.agencies[]
// entry. Their pod security is checked with every pod's (checkPodSecurity); their
// NetworkPolicy flows with the others (checkNetworkPolicies).

import (
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

func checkWebGateway(r *Rendered) []error {
	var errs []error
	var deps []*appsv1.Deployment
	for _, d := range of[*appsv1.Deployment](r) {
		if isGatewayPod(d.Spec.Template.Labels) {
			deps = append(deps, d)
		}
	}
	var ings []*networkingv1.Ingress
	for _, ing := range of[*networkingv1.Ingress](r) {
		if isGatewayPod(ing.Labels) {
			ings = append(ings, ing)
		}
	}
	v := r.Values
	if !v.boolean("webGateway", "enabled") {
		if len(deps)+len(ings) > 0 {
			errs = append(errs, errf("webGateway.enabled is false but %d gateway Deployments and %d Ingresses rendered", len(deps), len(ings)))
		}
		return errs
	}
	svcs := map[string]*corev1.Service{}
	for _, s := range of[*corev1.Service](r) {
		svcs[s.Name] = s
	}
	port := int32(v.integer("webGateway", "port"))
	backend := "all"
	if v.str("deploymentMode") != "AllInOne" {
		backend = orDefault(v.str("ingress", "backendService"), "personnel")
	}
	wantBackend := fmt.Sprintf("%s-%s:%d", r.Fullname(), backend, v.integer("grpcPort"))
	seenDep, seenIng := map[string]bool{}, map[string]bool{}
	for _, x := range v.list("webGateway", "agencies") {
		a, _ := x.(map[string]interface{})
		str := func(k string) string { s, _ := a[k].(string); return s }
		name := r.Fullname() + "-gw-" + str("name")
		var d *appsv1.Deployment
		for _, dd := range deps {
			if dd.Name == name {
				d = dd
			}
		}
		if d == nil {
			errs = append(errs, errf("web gateway agency %s: no Deployment %s", str("name"), name))
			continue
		}
		seenDep[d.Name] = true
		if d.Spec.Template.Labels["auxpro.io/agency"] != str("name") {
			errs = append(errs, errf("Deployment %s: pods not labelled auxpro.io/agency=%s", d.Name, str("name")))
		}
		spec := d.Spec.Template.Spec
		if len(spec.Containers) != 1 {
			errs = append(errs, errf("Deployment %s: %d containers, want 1", d.Name, len(spec.Containers)))
			continue
		}
		c := spec.Containers[0]
		where := "Deployment " + d.Name
		if b, _ := argValue(c.Args, "--backend"); b != wantBackend {
			errs = append(errs, errf("%s: --backend=%s, want %s", where, b, wantBackend))
		}
		// Microservices: every enabled service's calls to its own Deployment.
		sb, has := argValue(c.Args, "--service_backends")
		if v.str("deploymentMode") == "AllInOne" {
			if has {
				errs = append(errs, errf("%s: --service_backends in AllInOne mode", where))
			}
		} else {
			var want []string
			for _, svc := range v.enabledServices() {
				want = append(want, fmt.Sprintf("%s=%s-%s:%d", svc, r.Fullname(), svc, v.integer("grpcPort")))
			}
			if sb != strings.Join(want, ",") {
				errs = append(errs, errf("%s: --service_backends=%q, want %q", where, sb, strings.Join(want, ",")))
			}
		}
		// Its identity: the agency's certificate Secret, mounted read-only where the flags point.
		tlsVol := ""
		for _, vol := range spec.Volumes {
			if vol.Secret != nil && vol.Secret.SecretName == str("tlsSecret") {
				tlsVol = vol.Name
			}
			if vol.Projected != nil || (vol.Secret != nil && (strings.HasPrefix(vol.Secret.SecretName, v.str("secrets", "dbPrefix")+"-") ||
				vol.Secret.SecretName == v.str("secrets", "fieldKey") || vol.Secret.SecretName == v.str("secrets", "tls"))) {
				errs = append(errs, errf("%s: mounts the server's secrets (volume %s): the gateway holds only its agency's certificate", where, vol.Name))
			}
		}
		mounted := ""
		for _, m := range c.VolumeMounts {
			if m.Name == tlsVol {
				mounted = m.MountPath
			}
		}
		if tlsVol == "" || mounted == "" {
			errs = append(errs, errf("%s: the agency's certificate Secret %s is not mounted", where, str("tlsSecret")))
		} else if cert, _ := argValue(c.Args, "--client_cert"); cert != mounted+"/tls.crt" {
			errs = append(errs, errf("%s: --client_cert=%s is not the agency's certificate (%s/tls.crt)", where, cert, mounted))
		}
		public := str("kind") == "PUBLIC"
		if hasArg(c.Args, "--survey_pages") != public {
			errs = append(errs, errf("%s: --survey_pages must be set exactly on the PUBLIC instance", where))
		}
		if public && !hasArg(c.Args, "--forms=false") {
			errs = append(errs, errf("%s: the PUBLIC instance serves the agencies' forms", where))
		}
		// Resources and HTTP probes on its declared port.
		req, lim := c.Resources.Requests, c.Resources.Limits
		if req.Cpu().IsZero() || req.Memory().IsZero() || lim.Memory().IsZero() {
			errs = append(errs, errf("%s: cpu and memory requests and a memory limit must be set", where))
		}
		if !containerPortNamed(spec, "http") {
			errs = append(errs, errf("%s: no container port named http", where))
		}
		for kind, pr := range map[string]*corev1.Probe{"startup": c.StartupProbe, "liveness": c.LivenessProbe, "readiness": c.ReadinessProbe} {
			if pr == nil || pr.HTTPGet == nil || pr.HTTPGet.Path != "/healthz" ||
				(pr.HTTPGet.Port.String() != "http" && pr.HTTPGet.Port.IntValue() != int(port)) {
				errs = append(errs, errf("%s: no %s probe GET /healthz on the http port", where, kind))
			}
		}
		s := svcs[d.Name]
		if s == nil || len(s.Spec.Ports) != 1 || s.Spec.Ports[0].Port != port || s.Spec.Ports[0].TargetPort.String() != "http" {
			errs = append(errs, errf("web gateway %s: want a Service %s with the one port %d -> http", str("name"), d.Name, port))
		}
		// The browsers' way in.
		host := str("host")
		if !v.boolean("webGateway", "ingress", "enabled") || host == "" {
			continue
		}
		var ing *networkingv1.Ingress
		for _, i := range ings {
			if i.Labels["auxpro.io/agency"] == str("name") {
				ing = i
			}
		}
		if ing == nil {
			errs = append(errs, errf("web gateway agency %s: host %s but no Ingress", str("name"), host))
			continue
		}
		seenIng[ing.Name] = true
		if len(ing.Spec.Rules) != 1 || ing.Spec.Rules[0].Host != host || ing.Spec.Rules[0].HTTP == nil {
			errs = append(errs, errf("Ingress %s: want exactly one rule for host %s", ing.Name, host))
		} else {
			for _, p := range ing.Spec.Rules[0].HTTP.Paths {
				if b := p.Backend.Service; b == nil || b.Name != d.Name || (b.Port.Name != "http" && b.Port.Number != port) {
					errs = append(errs, errf("Ingress %s: a path not to Service %s port http", ing.Name, d.Name))
				}
			}
		}
		if len(ing.Spec.TLS) != 1 || ing.Spec.TLS[0].SecretName != str("ingressTLSSecret") ||
			len(ing.Spec.TLS[0].Hosts) != 1 || ing.Spec.TLS[0].Hosts[0] != host {
			errs = append(errs, errf("Ingress %s: the browsers' TLS for %s must use Secret %s", ing.Name, host, str("ingressTLSSecret")))
		}
		var ranges []string
		for _, x := range asList(a["sourceRanges"]) {
			s, _ := x.(string)
			ranges = append(ranges, s)
		}
		key := v.str("webGateway", "ingress", "sourceRangesAnnotation")
		if key == "" || len(ranges) == 0 || ing.Annotations[key] != strings.Join(ranges, ",") {
			errs = append(errs, errf("Ingress %s: %s=%q, want the agency's sourceRanges %q", ing.Name, key, ing.Annotations[key], strings.Join(ranges, ",")))
		}
	}
	for _, d := range deps {
		if !seenDep[d.Name] {
			errs = append(errs, errf("gateway Deployment %s belongs to no webGateway agency", d.Name))
		}
	}
	for _, i := range ings {
		if !seenIng[i.Name] {
			errs = append(errs, errf("gateway Ingress %s belongs to no webGateway agency with a host", i.Name))
		}
	}
	return errs
}

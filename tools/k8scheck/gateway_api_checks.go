package main

// gateway-api-endpoints: the agencies' endpoints as Gateway API objects for Envoy Gateway
// (helm/auxpro/templates/gateway-api.yaml). The objects were decoded strictly into the types of
// sigs.k8s.io/gateway-api and github.com/envoyproxy/gateway (decode.go); this checks what they say.

import (
	"net"
	"reflect"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"

	egv1a1 "github.com/envoyproxy/gateway/api/v1alpha1"
	gwv1 "sigs.k8s.io/gateway-api/apis/v1"
)

type agency struct {
	name, kind, host, tlsSecret string
	ranges                      []string
}

func (r *Rendered) agencies() []agency {
	var out []agency
	for _, a := range r.Values.list("ingress", "agencies") {
		am, _ := a.(map[string]interface{})
		ag := agency{}
		ag.name, _ = am["name"].(string)
		ag.kind, _ = am["kind"].(string)
		ag.host, _ = am["host"].(string)
		ag.tlsSecret, _ = am["tlsSecret"].(string)
		for _, x := range asList(am["sourceRanges"]) {
			s, _ := x.(string)
			ag.ranges = append(ag.ranges, s)
		}
		out = append(out, ag)
	}
	return out
}

// grpcBackends: gRPC service name -> the short name of the Deployment that must receive it
// (values services.<svc>.healthService; `all` in AllInOne mode). Health, reflection and the audit
// chain go to the default backend.
func (r *Rendered) grpcBackends() map[string]string {
	out := map[string]string{}
	allInOne := r.Values.str("deploymentMode") == "AllInOne"
	for _, svc := range r.Values.enabledServices() {
		backend := svc
		if allInOne {
			backend = "all"
		}
		out[r.Values.str("services", svc, "healthService")] = backend
	}
	def := "all"
	if !allInOne {
		def = orDefault(r.Values.str("ingress", "backendService"), "personnel")
	}
	for _, s := range []string{"grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
		"grpc.reflection.v1alpha.ServerReflection", "auxpro.common.v1.AuditChain"} {
		out[s] = def
	}
	return out
}

func targetsGateway(refs []gwv1.LocalPolicyTargetReferenceWithSectionName, name string) bool {
	for _, t := range refs {
		if t.Group == gwv1.GroupName && t.Kind == "Gateway" && string(t.Name) == name {
			return true
		}
	}
	return false
}

func checkGatewayAPIEndpoints(r *Rendered) []error {
	var errs []error
	gws := of[*gwv1.Gateway](r)
	routes := of[*gwv1.GRPCRoute](r)
	ctps := of[*egv1a1.ClientTrafficPolicy](r)
	sps := of[*egv1a1.SecurityPolicy](r)
	btps := of[*gwv1.BackendTLSPolicy](r)
	proxies := of[*egv1a1.EnvoyProxy](r)
	if !r.Values.boolean("gatewayAPI", "enabled") {
		if n := len(gws) + len(routes) + len(ctps) + len(sps) + len(btps) + len(proxies); n > 0 {
			errs = append(errs, errf("gatewayAPI.enabled is false but %d Gateway API objects rendered", n))
		}
		return errs
	}
	agencies := r.agencies()
	if len(agencies) == 0 {
		return []error{errf("gatewayAPI.enabled with no agencies in ingress.agencies")}
	}
	if len(r.Values.list("trustedProxies")) == 0 {
		errs = append(errs, errf("gatewayAPI.enabled but trustedProxies is empty: the server would refuse the forwarded certificates"))
	}
	svcs := map[string]*corev1.Service{}
	for _, s := range of[*corev1.Service](r) {
		svcs[s.Name] = s
	}
	proxyByName := map[string]*egv1a1.EnvoyProxy{}
	for _, p := range proxies {
		proxyByName[p.Name] = p
		if p.Spec.BackendTLS == nil || p.Spec.BackendTLS.ClientCertificateRef == nil ||
			p.Spec.BackendTLS.ClientCertificateRef.Name == "" {
			errs = append(errs, errf("EnvoyProxy %s: no backendTLS.clientCertificateRef: the gateway would call the server without its trusted-proxy certificate", p.Name))
		}
	}
	// Every backend Service the routes use has its server certificate verified.
	wantBackends := map[string]bool{}
	for _, b := range r.grpcBackends() {
		wantBackends[r.Fullname()+"-"+b] = true
	}
	for svc := range wantBackends {
		var n int
		for _, p := range btps {
			for _, t := range p.Spec.TargetRefs {
				if t.Group == "" && t.Kind == "Service" && string(t.Name) == svc {
					n++
					if string(p.Spec.Validation.Hostname) != svc {
						errs = append(errs, errf("BackendTLSPolicy %s: hostname %q, want the Service name %s (in the server certificate)", p.Name, p.Spec.Validation.Hostname, svc))
					}
					if len(p.Spec.Validation.CACertificateRefs) == 0 {
						errs = append(errs, errf("BackendTLSPolicy %s: no CA to verify the server with", p.Name))
					}
				}
			}
		}
		if n != 1 {
			errs = append(errs, errf("backend Service %s: %d BackendTLSPolicies, want 1", svc, n))
		}
	}
	seen := map[string]bool{}
	hosts := map[string]string{}
	for _, a := range agencies {
		if other, dup := hosts[a.host]; dup {
			errs = append(errs, errf("agencies %s and %s share host %s", other, a.name, a.host))
		}
		hosts[a.host] = a.name
		var mine []*gwv1.Gateway
		for _, g := range gws {
			if g.Labels["auxpro/agency"] == a.name {
				mine = append(mine, g)
			}
		}
		if len(mine) != 1 {
			errs = append(errs, errf("agency %s: %d Gateways, want 1", a.name, len(mine)))
			continue
		}
		g := mine[0]
		seen["Gateway/"+g.Name] = true
		if g.Labels["auxpro/agency-kind"] != a.kind {
			errs = append(errs, errf("Gateway %s: agency kind label %q, want %q", g.Name, g.Labels["auxpro/agency-kind"], a.kind))
		}
		if g.Spec.GatewayClassName == "" {
			errs = append(errs, errf("Gateway %s: no gatewayClassName", g.Name))
		}
		if pr := g.Spec.Infrastructure; pr == nil || pr.ParametersRef == nil || pr.ParametersRef.Kind != "EnvoyProxy" ||
			proxyByName[pr.ParametersRef.Name] == nil {
			errs = append(errs, errf("Gateway %s: infrastructure.parametersRef does not name a rendered EnvoyProxy", g.Name))
		}
		if len(g.Spec.Listeners) != 1 {
			errs = append(errs, errf("Gateway %s: %d listeners, want one for host %s", g.Name, len(g.Spec.Listeners), a.host))
			continue
		}
		l := g.Spec.Listeners[0]
		if l.Hostname == nil || string(*l.Hostname) != a.host {
			errs = append(errs, errf("Gateway %s: listener host %v, want %s", g.Name, l.Hostname, a.host))
		}
		if l.Protocol != gwv1.HTTPSProtocolType || l.TLS == nil || l.TLS.Mode == nil ||
			*l.TLS.Mode != gwv1.TLSModeTerminate || len(l.TLS.CertificateRefs) == 0 {
			errs = append(errs, errf("Gateway %s: the listener must be HTTPS terminating TLS with a certificate (the client certificate is verified there)", g.Name))
		}
		// Client validation and XFCC: exactly one ClientTrafficPolicy on this Gateway.
		var ctp []*egv1a1.ClientTrafficPolicy
		for _, c := range ctps {
			if targetsGateway(c.Spec.TargetRefs, g.Name) {
				ctp = append(ctp, c)
			}
		}
		if len(ctp) != 1 {
			errs = append(errs, errf("Gateway %s: %d ClientTrafficPolicies, want 1", g.Name, len(ctp)))
		} else {
			c := ctp[0]
			seen["ClientTrafficPolicy/"+c.Name] = true
			cv := (*egv1a1.ClientValidationContext)(nil)
			if c.Spec.TLS != nil {
				cv = c.Spec.TLS.ClientValidation
			}
			switch {
			case cv == nil || len(cv.CACertificateRefs) == 0:
				errs = append(errs, errf("ClientTrafficPolicy %s: no tls.clientValidation with the CA: agencies' certificates would not be verified", c.Name))
			case cv.Optional || (cv.Mode != nil && *cv.Mode != egv1a1.ClientValidationRequireAndVerify):
				errs = append(errs, errf("ClientTrafficPolicy %s: client certificates are not required and verified", c.Name))
			case cv.AllowExpiredCertificate != nil && *cv.AllowExpiredCertificate:
				errs = append(errs, errf("ClientTrafficPolicy %s: expired client certificates allowed", c.Name))
			}
			x := (*egv1a1.XForwardedClientCert)(nil)
			if c.Spec.Headers != nil {
				x = c.Spec.Headers.XForwardedClientCert
			}
			if x == nil || x.Mode == nil || *x.Mode != egv1a1.XFCCForwardModeSanitizeSet {
				errs = append(errs, errf("ClientTrafficPolicy %s: xForwardedClientCert mode must be SanitizeSet (a client's own header replaced)", c.Name))
			} else {
				hasCert := false
				for _, d := range x.CertDetailsToAdd {
					hasCert = hasCert || d == egv1a1.XFCCCertDataCert
				}
				if !hasCert {
					errs = append(errs, errf("ClientTrafficPolicy %s: xForwardedClientCert does not add Cert (the server verifies the certificate itself)", c.Name))
				}
			}
		}
		// Source ranges: one SecurityPolicy, default Deny, Allow exactly the agency's CIDRs.
		var sp []*egv1a1.SecurityPolicy
		for _, s := range sps {
			if targetsGateway(s.Spec.TargetRefs, g.Name) {
				sp = append(sp, s)
			}
		}
		for _, c := range a.ranges {
			if _, _, err := net.ParseCIDR(c); err != nil {
				errs = append(errs, errf("agency %s: source range %q is not a CIDR", a.name, c))
			}
		}
		if len(a.ranges) == 0 {
			errs = append(errs, errf("agency %s: no allowed source ranges", a.name))
		}
		if len(sp) != 1 {
			errs = append(errs, errf("Gateway %s: %d SecurityPolicies, want 1 limiting its source ranges", g.Name, len(sp)))
		} else {
			s := sp[0]
			seen["SecurityPolicy/"+s.Name] = true
			az := s.Spec.Authorization
			if az == nil || az.DefaultAction == nil || *az.DefaultAction != egv1a1.AuthorizationActionDeny {
				errs = append(errs, errf("SecurityPolicy %s: authorization.defaultAction must be Deny", s.Name))
			} else {
				var allowed []string
				for _, rule := range az.Rules {
					if rule.Action != egv1a1.AuthorizationActionAllow {
						continue
					}
					if rule.Principal == nil || len(rule.Principal.ClientCIDRs) == 0 {
						errs = append(errs, errf("SecurityPolicy %s: an Allow rule without clientCIDRs allows every source", s.Name))
						continue
					}
					for _, c := range rule.Principal.ClientCIDRs {
						allowed = append(allowed, string(c))
					}
				}
				want := append([]string(nil), a.ranges...)
				sort.Strings(allowed)
				sort.Strings(want)
				if !reflect.DeepEqual(allowed, want) {
					errs = append(errs, errf("SecurityPolicy %s: allows %v, agency %s's sourceRanges are %v", s.Name, allowed, a.name, want))
				}
			}
		}
		// Routing: one GRPCRoute on the listener; each gRPC service to its Deployment's Service.
		var rt []*gwv1.GRPCRoute
		for _, x := range routes {
			for _, p := range x.Spec.ParentRefs {
				if string(p.Name) == g.Name {
					rt = append(rt, x)
					break
				}
			}
		}
		if len(rt) != 1 {
			errs = append(errs, errf("Gateway %s: %d GRPCRoutes, want 1", g.Name, len(rt)))
			continue
		}
		route := rt[0]
		seen["GRPCRoute/"+route.Name] = true
		if len(route.Spec.Hostnames) != 1 || string(route.Spec.Hostnames[0]) != a.host {
			errs = append(errs, errf("GRPCRoute %s: hostnames %v, want [%s]", route.Name, route.Spec.Hostnames, a.host))
		}
		got := map[string]string{}
		for _, rule := range route.Spec.Rules {
			if len(rule.BackendRefs) != 1 {
				errs = append(errs, errf("GRPCRoute %s: a rule with %d backends, want 1", route.Name, len(rule.BackendRefs)))
				continue
			}
			b := rule.BackendRefs[0]
			if (b.Kind != nil && *b.Kind != "Service") || (b.Group != nil && *b.Group != "") {
				errs = append(errs, errf("GRPCRoute %s: backend %s is not a Service", route.Name, b.Name))
				continue
			}
			s := svcs[string(b.Name)]
			if s == nil {
				errs = append(errs, errf("GRPCRoute %s: backend Service %s is not rendered", route.Name, b.Name))
				continue
			}
			portOK := false
			for _, sp := range s.Spec.Ports {
				portOK = portOK || (b.Port != nil && sp.Port == int32(*b.Port) && sp.Name == "grpc")
			}
			if !portOK {
				errs = append(errs, errf("GRPCRoute %s: Service %s has no grpc port %v", route.Name, b.Name, b.Port))
			}
			if len(rule.Matches) == 0 {
				errs = append(errs, errf("GRPCRoute %s: a rule without matches sends every service to %s", route.Name, b.Name))
			}
			for _, m := range rule.Matches {
				if m.Method == nil || m.Method.Service == nil || m.Method.Method != nil ||
					(m.Method.Type != nil && *m.Method.Type != gwv1.GRPCMethodMatchExact) {
					errs = append(errs, errf("GRPCRoute %s: a match that is not one exact gRPC service", route.Name))
					continue
				}
				if prev, dup := got[*m.Method.Service]; dup {
					errs = append(errs, errf("GRPCRoute %s: service %s routed twice (%s, %s)", route.Name, *m.Method.Service, prev, b.Name))
				}
				got[*m.Method.Service] = strings.TrimPrefix(string(b.Name), r.Fullname()+"-")
			}
		}
		want := r.grpcBackends()
		if !reflect.DeepEqual(got, want) {
			errs = append(errs, errf("GRPCRoute %s: routes %v, want %v", route.Name, got, want))
		}
	}
	for _, g := range gws {
		if !seen["Gateway/"+g.Name] {
			errs = append(errs, errf("Gateway %s belongs to no agency", g.Name))
		}
	}
	for _, x := range routes {
		if !seen["GRPCRoute/"+x.Name] {
			errs = append(errs, errf("GRPCRoute %s is attached to no agency's Gateway", x.Name))
		}
	}
	return errs
}

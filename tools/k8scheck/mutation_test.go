package main

// The checks must catch what they claim to: each case breaks one real rendering of the chart (made
// by deploy/chart/check.sh into $K8SCHECK_RENDERED) and expects exactly the named check to fail.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type rendering struct {
	file   string
	values []string
}

func loadRendering(t *testing.T, name string) (rendering, string) {
	dir := os.Getenv("K8SCHECK_RENDERED")
	if dir == "" {
		t.Skip("K8SCHECK_RENDERED is not set (deploy/chart/check.sh sets it)")
	}
	b, err := os.ReadFile(filepath.Join(dir, name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	vf, err := os.ReadFile(filepath.Join(dir, name+".values"))
	if err != nil {
		t.Fatal(err)
	}
	return rendering{file: name, values: strings.Fields(string(vf))}, string(b)
}

func evalText(t *testing.T, rd rendering, text string) map[string][]error {
	v, err := loadValues(rd.values)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := evaluate(v, "auxpro", strings.NewReader(text))
	return res
}

func failing(res map[string][]error) []string {
	var out []string
	for name, errs := range res {
		if len(errs) > 0 {
			out = append(out, name)
		}
	}
	return out
}

func TestMutationsAreCaught(t *testing.T) {
	cases := []struct {
		rendering, name, from, to, wantFail string
		n                                   int // occurrences to replace (0 = all)
	}{
		{"microservices", "unknown field", "  replicas: ", "  replica: ", "strict-decode", 1},
		{"microservices", "duplicated field", "  replicas: ", "  replicas: 1\n  replicas: ", "strict-decode", 1},
		{"microservices", "API version not served", "apiVersion: policy/v1\n", "apiVersion: policy/v1beta1\n", "strict-decode", 1},
		{"microservices", "wrong field type", "containerPort: 8443", "containerPort: \"8443x\"", "strict-decode", 1},
		{"microservices", "bad label value", "app.kubernetes.io/component: personnel", "app.kubernetes.io/component: personnel_", "strict-decode", 1},
		{"microservices", "writable root", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "pod-security", 1},
		{"microservices", "root user", "runAsUser: 10001", "runAsUser: 0", "pod-security", 1},
		{"microservices", "no readiness probe", "readinessProbe:", "readinessProbeX:", "strict-decode", 1},
		{"microservices", "no memory limit", "limits:\n", "limitz:\n", "strict-decode", 1},
		{"allinone", "no resources", "            requests:\n              cpu: 250m\n              memory: 256Mi\n", "", "probes-and-resources", 1},
		{"microservices", "probe on the TLS port", "port: 8081\n              service: \"\"", "port: 8443\n              service: \"\"", "probes-and-resources", 1},
		{"microservices", "no default deny", "policyTypes: [Ingress, Egress]\n---", "policyTypes: [Ingress]\n---", "network-policies", 1},
		{"microservices", "undeclared flow", "- {port: 53, protocol: UDP}", "- {port: 54, protocol: UDP}", "network-policies", 1},
		{"microservices", "no PDB drain", "maxUnavailable: 1", "maxUnavailable: 0", "pod-disruption-budgets", 1},
		{"microservices", "no PDB", "kind: PodDisruptionBudget", "kind: ConfigMap", "strict-decode", 1},
		{"microservices", "migrations after deployments", "helm.sh/hook: pre-install,pre-upgrade", "helm.sh/hook: post-install,post-upgrade", "migrations-hook-first", 1},
		{"all-services", "hook mounts the release's ConfigMap", "      volumes:\n        - name: tls", "      volumes:\n        - name: cfg\n          configMap:\n            name: auxpro-config\n        - name: tls", "migrations-hook-first", 0},
		{"microservices", "stale checksum", "checksum/config: ", "checksum/config: 0", "checksum-config", 1},
		{"all-services", "DB secret of another service", "path: points.password", "path: survey.password", "db-secret-per-service", 1},
		{"all-services", "shared DB secret", "name: auxpro-db-points", "name: auxpro-db-survey", "db-secret-per-service", 1},
		{"district", "agency kind", "auxpro/agency-kind: HR_COMPANY", "auxpro/agency-kind: ASSESSOR", "endpoint-per-agency", 1},
		{"district", "agency without source ranges", "whitelist-source-range: 203.0.113.64/27", "whitelist-source-range: 0.0.0.0/0", "endpoint-per-agency", 1},
		{"microservices", "kubelet kills a draining pod", "terminationGracePeriodSeconds: 20", "terminationGracePeriodSeconds: 10", "drain-deadline", 1},
		{"microservices", "drain flags not from values", "--shutdown_grace_seconds=10", "--shutdown_grace_seconds=30", "drain-deadline", 1},
		{"microservices", "grading sweep interval not from values", "--grading_sweep_interval_seconds=3600", "--grading_sweep_interval_seconds=60", "grading-sweep", 1},
		{"allinone", "grading sweep not run where grading is hosted", "            - --grading_sweep_interval_seconds=3600\n", "", "grading-sweep", 1},
		{"microservices", "grading sweep on a pod without grading", "            - --target=points\n", "            - --target=points\n            - --grading_sweep_interval_seconds=3600\n", "grading-sweep", 1},
		{"microservices", "ServiceMonitor unknown field", "    - port: metrics\n      path: /metrics", "    - port: metrics\n      pat: /metrics", "strict-decode", 1},
		{"microservices", "ServiceMonitor scrapes the gRPC port", "    - port: metrics\n      path: /metrics", "    - port: grpc\n      path: /metrics", "service-monitor", 1},
		{"microservices", "Service without the metrics port", "    - name: metrics\n      port: 9464\n      targetPort: metrics", "    - name: other\n      port: 9464\n      targetPort: metrics", "service-monitor", 1},
		{"microservices", "dashboard queries a series nobody exports", "auxpro_work_queue_depth", "auxpro_work_queue_length", "grafana-dashboard", 1},
		{"microservices", "dashboard without the sidecar label", "grafana_dashboard: \"1\"", "grafana_dashboard: \"0\"", "grafana-dashboard", 1},
		{"district", "wrong host", "host: \"wj-hr.auxpro.example.org\"", "host: \"wj-bureau.auxpro.example.org\"", "endpoint-per-agency", 1},
		// Gateway API endpoints (Envoy Gateway).
		{"gateway-api", "Gateway unknown field", "      allowedRoutes:", "      allowedRoute:", "strict-decode", 1},
		{"gateway-api", "Envoy Gateway unknown field", "certDetailsToAdd: [Cert]", "certDetailToAdd: [Cert]", "strict-decode", 1},
		{"gateway-api", "Envoy Gateway wrong enum type", "      certDetailsToAdd: [Cert]", "      certDetailsToAdd: Cert", "strict-decode", 1},
		{"gateway-api", "client certificate optional", "    clientValidation:\n", "    clientValidation:\n      optional: true\n", "gateway-api-endpoints", 1},
		{"gateway-api", "XFCC appended, not replaced", "mode: SanitizeSet", "mode: AppendForward", "gateway-api-endpoints", 1},
		{"gateway-api", "source ranges default allow", "defaultAction: Deny", "defaultAction: Allow", "gateway-api-endpoints", 1},
		{"gateway-api", "another agency's source range", "- \"198.51.100.16/28\"", "- \"0.0.0.0/0\"", "gateway-api-endpoints", 1},
		{"gateway-api", "service routed to another backend", "service: auxpro.grading.v1.Grading\n      backendRefs:\n        - name: auxpro-grading", "service: auxpro.grading.v1.Grading\n      backendRefs:\n        - name: auxpro-points", "gateway-api-endpoints", 1},
		{"gateway-api", "gateway without its client certificate", "      name: auxpro-agency-gateway", "      name: \"\"", "gateway-api-endpoints", 1},
		{"gateway-api", "backend TLS for another name", "hostname: auxpro-grading", "hostname: auxpro-points", "gateway-api-endpoints", 1},
		{"gateway-api-allinone", "AllInOne service to a missing backend", "        - name: auxpro-all\n", "        - name: auxpro-personnel\n", "gateway-api-endpoints", 1},
		// The web gateway's pods.
		{"web-gateway", "gateway may reach the database", "never the database.\n    - ports:\n        - port: 8443", "never the database.\n    - ports:\n        - port: 3306", "network-policies", 1},
		{"web-gateway", "server allow rule over the gateway pods", "    matchExpressions:\n      - {key: app.kubernetes.io/component, operator: NotIn, values: [web-gateway]}\n  policyTypes", "  policyTypes", "network-policies", 1},
		{"web-gateway", "gateway readiness not on /healthz", "          readinessProbe:\n            httpGet: {path: /healthz, port: http}", "          readinessProbe:\n            httpGet: {path: /, port: http}", "web-gateway", 1},
		{"web-gateway-microservices", "gateway calls assessment on personnel's pods", "--service_backends=assessment=auxpro-assessment:8443", "--service_backends=assessment=auxpro-personnel:8443", "web-gateway", 1},
		{"web-gateway", "gateway Ingress open to all", "whitelist-source-range: 10.20.0.0/16", "whitelist-source-range: 0.0.0.0/0", "web-gateway", 1},
		{"web-gateway", "gateway without a PDB", "kind: PodDisruptionBudget\nmetadata:\n  name: auxpro-gw-wenjiang-public", "kind: ConfigMap\nmetadata:\n  name: auxpro-gw-wenjiang-public", "strict-decode", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rd, text := loadRendering(t, c.rendering)
			if !strings.Contains(text, c.from) {
				t.Fatalf("%s rendering has no %q to change", c.rendering, c.from)
			}
			n := c.n
			if n == 0 {
				n = -1
			}
			got := failing(evalText(t, rd, strings.Replace(text, c.from, c.to, n)))
			found := false
			for _, g := range got {
				if g == c.wantFail {
					found = true
				}
			}
			if !found {
				t.Errorf("check %s did not fail; failing: %v", c.wantFail, got)
			}
		})
	}
}

func TestRenderingsPass(t *testing.T) {
	for _, name := range []string{"allinone", "microservices", "all-services", "district", "district-allinone",
		"gateway-api", "gateway-api-allinone", "web-gateway", "web-gateway-microservices"} {
		rd, text := loadRendering(t, name)
		if f := failing(evalText(t, rd, text)); len(f) > 0 {
			t.Errorf("%s: failing checks %v", name, f)
		}
	}
}

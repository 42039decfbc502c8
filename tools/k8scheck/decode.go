package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/validation"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"

	egv1a1 "github.com/envoyproxy/gateway/api/v1alpha1"
	gwv1 "sigs.k8s.io/gateway-api/apis/v1"
)

// Object is one rendered document, decoded into its typed Kubernetes object.
type Object struct {
	Source string // helm's "# Source:" comment, for messages
	Kind   string
	Obj    runtime.Object
	Meta   metaAccessor
}

type metaAccessor interface {
	GetName() string
	GetNamespace() string
	GetLabels() map[string]string
	GetAnnotations() map[string]string
}

func (o Object) String() string {
	return fmt.Sprintf("%s %q (%s)", o.Kind, o.Meta.GetName(), o.Source)
}

// newDecoder: only the GA API groups/versions served by the Kubernetes version of k8s.io/api in
// go.mod are registered, so a removed or beta apiVersion, an unknown kind, an unknown field or a
// duplicated field is an error (EnableStrict), as the API server's strict field validation is.
// The Gateway API's standard channel (gateway.networking.k8s.io/v1 of sigs.k8s.io/gateway-api)
// and Envoy Gateway's API (gateway.envoyproxy.io/v1alpha1 of github.com/envoyproxy/gateway) are
// registered the same way, at the versions go.mod pins (Envoy Gateway's release is built on that
// Gateway API release): their CRDs' schemas are generated from these very Go types.
func newDecoder() runtime.Decoder {
	sch := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme, networkingv1.AddToScheme,
		policyv1.AddToScheme, rbacv1.AddToScheme, autoscalingv2.AddToScheme,
		gwv1.Install, egv1a1.AddToScheme,
	} {
		if err := add(sch); err != nil {
			panic(err)
		}
	}
	return serializer.NewCodecFactory(sch, serializer.EnableStrict).UniversalDeserializer()
}

// decodeAll splits a `helm template` stream into documents and decodes each strictly.
func decodeAll(r io.Reader) ([]Object, []error) {
	dec := newDecoder()
	reader := utilyaml.NewYAMLReader(bufio.NewReader(r))
	var objs []Object
	var errs []error
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("reading the YAML stream: %w", err))
			break
		}
		source := ""
		empty := true
		for _, line := range strings.Split(string(doc), "\n") {
			t := strings.TrimSpace(line)
			if strings.HasPrefix(t, "# Source:") {
				source = strings.TrimSpace(strings.TrimPrefix(t, "# Source:"))
			}
			if t != "" && t != "---" && !strings.HasPrefix(t, "#") {
				empty = false
			}
		}
		if empty {
			continue
		}
		if o, ok, err := decodeCustom(bytes.TrimSpace(doc), source); ok {
			if err != nil {
				errs = append(errs, err)
			} else {
				errs = append(errs, validateMeta(o)...)
				objs = append(objs, o)
			}
			continue
		}
		obj, gvk, err := dec.Decode(bytes.TrimSpace(doc), nil, nil)
		if err != nil {
			if runtime.IsStrictDecodingError(err) {
				errs = append(errs, fmt.Errorf("%s: strict decoding: %v", source, err))
			} else {
				errs = append(errs, fmt.Errorf("%s: %v", source, err))
			}
			continue
		}
		m, err := meta.Accessor(obj)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: no object metadata: %v", source, err))
			continue
		}
		o := Object{Source: source, Kind: gvk.Kind, Obj: obj, Meta: m}
		errs = append(errs, validateMeta(o)...)
		objs = append(objs, o)
	}
	return objs, errs
}

// validateMeta: what the API server checks on every object's metadata before anything else.
func validateMeta(o Object) []error {
	var errs []error
	name := o.Meta.GetName()
	var nameErrs []string
	switch o.Kind {
	case "Service", "NetworkPolicy":
		nameErrs = validation.IsDNS1035Label(name) // Service names are DNS labels
		if o.Kind == "NetworkPolicy" {
			nameErrs = validation.IsDNS1123Subdomain(name)
		}
	default:
		nameErrs = validation.IsDNS1123Subdomain(name)
	}
	for _, e := range nameErrs {
		errs = append(errs, fmt.Errorf("%s: name: %s", o, e))
	}
	for k, v := range o.Meta.GetLabels() {
		for _, e := range validation.IsQualifiedName(k) {
			errs = append(errs, fmt.Errorf("%s: label key %q: %s", o, k, e))
		}
		for _, e := range validation.IsValidLabelValue(v) {
			errs = append(errs, fmt.Errorf("%s: label %s=%q: %s", o, k, v, e))
		}
	}
	for k := range o.Meta.GetAnnotations() {
		for _, e := range validation.IsQualifiedName(strings.ToLower(k)) {
			errs = append(errs, fmt.Errorf("%s: annotation key %q: %s", o, k, e))
		}
	}
	return errs
}

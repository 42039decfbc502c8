package main

// prometheus-operator's ServiceMonitor (monitoring.coreos.com/v1) is a custom resource, not in
// k8s.io/api. Its Go module is not a dependency here, so the fields the chart may use are
// declared below with the CRD's names and types, and a rendered ServiceMonitor is decoded
// strictly into them: an unknown field (a typo, or one this subset does not list), a duplicated
// field or a wrong type fails as it would against the CRD's structural schema.

import (
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"
)

const serviceMonitorAPIVersion = "monitoring.coreos.com/v1"

type ServiceMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              ServiceMonitorSpec `json:"spec"`
}

type ServiceMonitorSpec struct {
	JobLabel          string               `json:"jobLabel,omitempty"`
	TargetLabels      []string             `json:"targetLabels,omitempty"`
	PodTargetLabels   []string             `json:"podTargetLabels,omitempty"`
	Endpoints         []MonitorEndpoint    `json:"endpoints"`
	Selector          metav1.LabelSelector `json:"selector"`
	NamespaceSelector *NamespaceSelector   `json:"namespaceSelector,omitempty"`
	SampleLimit       *uint64              `json:"sampleLimit,omitempty"`
}

type MonitorEndpoint struct {
	Port          string              `json:"port,omitempty"`
	Path          string              `json:"path,omitempty"`
	Scheme        string              `json:"scheme,omitempty"`
	Params        map[string][]string `json:"params,omitempty"`
	Interval      string              `json:"interval,omitempty"`
	ScrapeTimeout string              `json:"scrapeTimeout,omitempty"`
	HonorLabels   bool                `json:"honorLabels,omitempty"`
}

type NamespaceSelector struct {
	Any        bool     `json:"any,omitempty"`
	MatchNames []string `json:"matchNames,omitempty"`
}

func (s *ServiceMonitor) DeepCopyObject() runtime.Object {
	out := *s
	s.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	out.Spec.Endpoints = append([]MonitorEndpoint(nil), s.Spec.Endpoints...)
	return &out
}

// decodeCustom decodes the custom resources the chart renders; ok false for anything else.
func decodeCustom(doc []byte, source string) (Object, bool, error) {
	var head metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &head); err != nil {
		return Object{}, false, nil // the typed decoder reports it
	}
	if head.APIVersion != serviceMonitorAPIVersion || head.Kind != "ServiceMonitor" {
		return Object{}, false, nil
	}
	var sm ServiceMonitor
	if err := yaml.UnmarshalStrict(doc, &sm); err != nil {
		return Object{}, true, fmt.Errorf("%s: strict decoding: %v", source, err)
	}
	return Object{Source: source, Kind: "ServiceMonitor", Obj: &sm, Meta: &sm.ObjectMeta}, true, nil
}

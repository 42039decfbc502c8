package main

import (
	"encoding/json"
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

// Values: the chart's values.yaml with the -f files merged over it the way helm merges them
// (maps merge key by key, anything else replaces, null removes the key). The checks derive what
// the rendering must contain (services, agencies, declared flows) from these, not from the output.
type Values map[string]interface{}

func loadValues(files []string) (Values, error) {
	merged := map[string]interface{}{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var m map[string]interface{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		mergeInto(merged, m)
	}
	return merged, nil
}

func mergeInto(dst, src map[string]interface{}) {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		sm, sok := v.(map[string]interface{})
		dm, dok := dst[k].(map[string]interface{})
		if sok && dok {
			mergeInto(dm, sm)
			continue
		}
		dst[k] = v
	}
}

// get walks a path of map keys; nil when any part is missing.
func (v Values) get(path ...string) interface{} {
	var cur interface{} = map[string]interface{}(v)
	for _, p := range path {
		m, ok := cur.(map[string]interface{})
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

func (v Values) str(path ...string) string {
	s, _ := v.get(path...).(string)
	return s
}

func (v Values) boolean(path ...string) bool {
	b, _ := v.get(path...).(bool)
	return b
}

func (v Values) integer(path ...string) int {
	switch n := v.get(path...).(type) {
	case float64:
		return int(n)
	case int64:
		return int(n)
	case int:
		return n
	}
	return 0
}

func (v Values) mapAt(path ...string) map[string]interface{} {
	m, _ := v.get(path...).(map[string]interface{})
	return m
}

func (v Values) list(path ...string) []interface{} {
	l, _ := v.get(path...).([]interface{})
	return l
}

// enabledServices: the entries of `services` other than `all` whose enabled is not false
// (the chart's auxpro.serviceNames), sorted as helm ranges over maps.
func (v Values) enabledServices() []string {
	var names []string
	for _, name := range sortedKeys(v.mapAt("services")) {
		if name == "all" {
			continue
		}
		svc, _ := v.mapAt("services")[name].(map[string]interface{})
		if e, has := svc["enabled"]; has && e != true {
			continue
		}
		names = append(names, name)
	}
	return names
}

// canonical: JSON with sorted keys, for comparing a typed object with a values entry.
func canonical(x interface{}) string {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	var generic interface{}
	if err := json.Unmarshal(b, &generic); err != nil {
		return string(b)
	}
	b, _ = json.Marshal(generic)
	return string(b)
}

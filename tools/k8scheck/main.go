// k8scheck: validates one `helm template` rendering of helm/auxpro.
//
//	k8scheck -release auxpro -f helm/auxpro/values.yaml [-f more-values.yaml ...] rendered.yaml
//
// 1. Every document is decoded strictly into the typed objects of k8s.io/api (the Kubernetes
//    version pinned in go.mod): unknown or duplicated fields, unknown kinds and API versions that
//    version does not serve fail; names, label keys/values and annotation keys are validated.
// 2. The checks in checks.go run on the typed objects, with the expectations taken from the
//    merged values (the same -f files, in the same order, that helm was given).
//
// Exit status 0 when everything passed, 1 otherwise; one line per check.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	var valuesFiles listFlag
	release := flag.String("release", "auxpro", "release name given to helm template")
	label := flag.String("name", "", "name of this rendering in messages")
	flag.Var(&valuesFiles, "f", "values file, in helm's order (the chart's values.yaml first)")
	flag.Parse()
	if flag.NArg() != 1 || len(valuesFiles) == 0 {
		fmt.Fprintln(os.Stderr, "usage: k8scheck -release NAME -f values.yaml [-f ...] rendered.yaml")
		os.Exit(2)
	}
	os.Exit(run(*label, *release, valuesFiles, flag.Arg(0)))
}

func run(label, release string, valuesFiles []string, rendered string) int {
	if label == "" {
		label = rendered
	}
	values, err := loadValues(valuesFiles)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: values: %v\n", label, err)
		return 1
	}
	f, err := os.Open(rendered)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer f.Close()
	results, n := evaluate(values, release, f)
	failed := report(label, "strict-decode", fmt.Sprintf("%d objects", n), results["strict-decode"])
	for _, c := range checks {
		failed = report(label, c.Name, "", results[c.Name]) || failed
	}
	if failed {
		return 1
	}
	return 0
}

// evaluate decodes a rendering and runs every check: check name -> its errors (none = passed),
// and the number of objects decoded.
func evaluate(values Values, release string, rendered io.Reader) (map[string][]error, int) {
	objs, errs := decodeAll(rendered)
	if len(objs) == 0 {
		errs = append(errs, fmt.Errorf("nothing rendered"))
	}
	out := map[string][]error{"strict-decode": errs}
	r := &Rendered{Values: values, Release: release, Objects: objs}
	for _, c := range checks {
		out[c.Name] = c.Run(r)
	}
	return out, len(objs)
}

func report(label, check, detail string, errs []error) bool {
	if len(errs) == 0 {
		if detail != "" {
			detail = " (" + detail + ")"
		}
		fmt.Printf("ok   %s: %s%s\n", label, check, detail)
		return false
	}
	fmt.Printf("FAIL %s: %s\n", label, check)
	for _, e := range errs {
		fmt.Printf("       %v\n", e)
	}
	return true
}

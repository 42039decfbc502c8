package main

// Where each service's calls go. --backend is the server for every service (AllInOne); in
// Microservices mode --service_backends names the Deployment of each service
// (personnel=auxpro-personnel:8443,grading=auxpro-grading:8443,...), and a service it does not
// name goes to --backend. One mTLS connection per distinct address, each verifying the server's
// certificate for that address's host (--backend_server_name overrides it for --backend only).

import (
	"crypto/tls"
	"fmt"
	"net"
	"regexp"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

var serviceNameRe = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)

type backends struct {
	base    *tls.Config
	byAddr  map[string]*grpc.ClientConn
	service map[string]string // short service name -> address
	opts    []grpc.DialOption
}

// parseServiceBackends reads "svc=host:port,svc=host:port".
func parseServiceBackends(s string) (map[string]string, error) {
	out := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		svc, addr, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || !serviceNameRe.MatchString(svc) {
			return nil, fmt.Errorf("--service_backends: %q is not service=host:port", part)
		}
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return nil, fmt.Errorf("--service_backends: %s: %v", svc, err)
		}
		if _, dup := out[svc]; dup {
			return nil, fmt.Errorf("--service_backends: %s given twice", svc)
		}
		out[svc] = addr
	}
	return out, nil
}

// conn: the connection for a service's calls (its own backend, else --backend).
func (b *backends) conn(service string) (*grpc.ClientConn, error) {
	addr, ok := b.service[service]
	if !ok {
		addr = *backend
	}
	if c := b.byAddr[addr]; c != nil {
		return c, nil
	}
	cfg := b.base.Clone()
	if addr != *backend || cfg.ServerName == "" {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		cfg.ServerName = host
	}
	c, err := grpc.NewClient(addr, append([]grpc.DialOption{grpc.WithTransportCredentials(credentials.NewTLS(cfg))}, b.opts...)...)
	if err != nil {
		return nil, err
	}
	b.byAddr[addr] = c
	return c, nil
}

func (b *backends) close() {
	for _, c := range b.byAddr {
		c.Close()
	}
}

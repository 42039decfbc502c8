// auxpro-web-gateway: HTTP/JSON in front of auxpro-server for one agency.
//
// Routes come from the google.api.http annotations of proto/ (grpc-gateway). The gateway holds
// one agency's client certificate and calls the backend over mTLS with it, so access is the
// certificate's, exactly as for a partner's gRPC client. The intranet's sign-on proxy names the
// signed-in user in a header (--actor_header: raw UTF-8 or percent-encoded); it travels as the actor recorded in audit and is
// never used for access. docs/web-gateway.md has the details.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"

	assessmentv1 "auxpro/services/web-gateway/gen/auxpro/assessment/v1"
	commonv1 "auxpro/services/web-gateway/gen/auxpro/common/v1"
	gradingv1 "auxpro/services/web-gateway/gen/auxpro/grading/v1"
	personnelv1 "auxpro/services/web-gateway/gen/auxpro/personnel/v1"
	pointsv1 "auxpro/services/web-gateway/gen/auxpro/points/v1"
	surveyv1 "auxpro/services/web-gateway/gen/auxpro/survey/v1"
)

var (
	listen         = flag.String("listen", "127.0.0.1:8080", "HTTP(S) listen address")
	tlsCert        = flag.String("tls_cert", "", "certificate shown to browsers (PEM); empty: plain HTTP (behind a TLS proxy only)")
	tlsKey         = flag.String("tls_key", "", "key of --tls_cert")
	backend        = flag.String("backend", "127.0.0.1:50051", "auxpro-server gRPC address")
	backendCA      = flag.String("backend_ca", "", "CA that signs the server's certificate (PEM)")
	backendName    = flag.String("backend_server_name", "", "name checked in the server's certificate (default: host of --backend)")
	serviceBackend = flag.String("service_backends", "", "per-service servers, personnel=host:port,grading=host:port,... (Microservices mode); others go to --backend")
	clientCert     = flag.String("client_cert", "", "the agency's client certificate (PEM)")
	clientKey      = flag.String("client_key", "", "key of --client_cert")
	actorHeader    = flag.String("actor_header", "X-Remote-User", "header set by the intranet's sign-on proxy naming the signed-in user (empty: none)")
	defaultTimeout = flag.Duration("default_timeout", 10*time.Second, "deadline of a backend call when the request sets no Grpc-Timeout header")
	maxTimeout     = flag.Duration("max_timeout", 60*time.Second, "longest deadline a request may ask for")
	maxBody        = flag.Int64("max_body_bytes", 1<<20, "largest request body accepted")
	surveyPages    = flag.Bool("survey_pages", false, "serve the citizens' survey pages (a PUBLIC-identity instance)")
	cookieKeyFile  = flag.String("cookie_key_file", "", "HMAC key (any bytes, at least 32) signing the respondent cookie; required with --survey_pages")
	surveyBaseURL  = flag.String("survey_base_url", "", "external URL of the citizens' survey instance, printed in the QR codes")
	formsPages     = flag.Bool("forms", true, "serve the printable forms and QR sheets (/forms/...) of this agency")
)

func main() {
	flag.Parse()
	if err := run(); err != nil {
		log.Fatalf("auxpro-web-gateway: %v", err)
	}
}

func backendTLS() (*tls.Config, error) {
	if *backendCA == "" || *clientCert == "" || *clientKey == "" {
		return nil, errors.New("--backend_ca, --client_cert and --client_key are required (mTLS)")
	}
	pem, err := os.ReadFile(*backendCA)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("--backend_ca: no certificate found")
	}
	pair, err := tls.LoadX509KeyPair(*clientCert, *clientKey)
	if err != nil {
		return nil, err
	}
	name := *backendName
	if name == "" {
		host, _, err := net.SplitHostPort(*backend)
		if err != nil {
			return nil, err
		}
		name = host
	}
	return &tls.Config{
		Certificates: []tls.Certificate{pair},
		RootCAs:      pool,
		ServerName:   name,
		MinVersion:   tls.VersionTLS12,
	}, nil
}

func run() error {
	base, err := backendTLS()
	if err != nil {
		return err
	}
	perService, err := parseServiceBackends(*serviceBackend)
	if err != nil {
		return err
	}
	be := &backends{base: base, byAddr: map[string]*grpc.ClientConn{}, service: perService,
		opts: []grpc.DialOption{grpc.WithUnaryInterceptor(headerFieldsInterceptor)}}
	defer be.close()

	runtime.DefaultContextTimeout = *defaultTimeout
	mux := runtime.NewServeMux(
		// Nothing of the browser's request reaches the backend as metadata but what is set here:
		// the actor, from the sign-on proxy's header.
		runtime.WithIncomingHeaderMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithOutgoingHeaderMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithOutgoingTrailerMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithMetadata(actorMetadata),
		runtime.WithErrorHandler(writeError),
		runtime.WithForwardResponseOption(forwardHeaders),
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.HTTPBodyMarshaler{
			Marshaler: &runtime.JSONPb{
				MarshalOptions:   protojson.MarshalOptions{EmitUnpopulated: false},
				UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
			},
		}),
	)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// One line per service: a new service adds its own (SERVICE-CHECKLIST.md).
	// The short name is the --target of the server hosting it (and the key of --service_backends).
	for _, r := range []struct {
		service  string
		register func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error
	}{
		{"personnel", personnelv1.RegisterPersonnelHandler},
		{"assessment", assessmentv1.RegisterAssessmentHandler},
		{"points", pointsv1.RegisterPointsHandler},
		{"survey", surveyv1.RegisterSurveyHandler},
		{"", commonv1.RegisterAuditChainHandler}, // answered by the --backend's services
		{"grading", gradingv1.RegisterGradingHandler},
	} {
		conn, err := be.conn(r.service)
		if err != nil {
			return err
		}
		if err := r.register(ctx, mux, conn); err != nil {
			return err
		}
	}

	root := http.NewServeMux()
	root.Handle("/v1/", mux)
	root.HandleFunc("/openapi.json", serveOpenAPI)
	root.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	if *formsPages {
		if err := registerForms(root, be); err != nil {
			return err
		}
	}
	if *surveyPages {
		conn, err := be.conn("survey")
		if err != nil {
			return err
		}
		if err := registerSurvey(root, conn); err != nil {
			return err
		}
	}

	srv := &http.Server{
		Addr:              *listen,
		Handler:           harden(withCallInfo(root)),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      *maxTimeout + 5*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          log.New(os.Stderr, "http: ", log.LstdFlags),
	}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	log.Printf("auxpro-web-gateway listening on %s (backend %s; per service: %v)", *listen, *backend, perService)
	if *tlsCert != "" {
		srv.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		err = srv.ListenAndServeTLS(*tlsCert, *tlsKey)
	} else {
		err = srv.ListenAndServe()
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// actorMetadata: the signed-in user named by the sign-on proxy, as the actor of the call. The
// `-bin` key carries any UTF-8 name (Chinese names) base64-encoded on the wire.
func actorMetadata(_ context.Context, r *http.Request) metadata.MD {
	if *actorHeader == "" {
		return nil
	}
	user := r.Header.Get(*actorHeader)
	// HTTP header values are bytes: a proxy sends the name as raw UTF-8 or percent-encoded.
	if strings.Contains(user, "%") {
		if decoded, err := url.PathUnescape(user); err == nil {
			user = decoded
		}
	}
	if user != "" {
		return metadata.Pairs("x-auxpro-actor-bin", user)
	}
	return nil
}

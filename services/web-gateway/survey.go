package main

// The citizens' survey pages (a PUBLIC-identity instance, --survey_pages):
//
//   GET  /s/jurisdictions/{j}/campaigns/{c}?l=<link payload>   the questionnaire of the auxiliary
//   POST /s/jurisdictions/{j}/campaigns/{c}                     one submission
//
// The QR code on the badge wall holds the GET link. The respondent key is an opaque random value
// in a first-party cookie signed by the gateway (HttpOnly, Secure, SameSite=Lax, __Host- prefix);
// nothing else about the person — no address, no device id, no header — reaches the survey
// service. The form carries a submission id made by the gateway (the idempotency key: a double
// click stores one response) and a CSRF token bound to the cookie and that submission id. No
// script at all; the CSS is a file of this origin.

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"log"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	surveyv1 "auxpro/services/web-gateway/gen/auxpro/survey/v1"
)

//go:embed templates static
var assets embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).ParseFS(assets, "templates/*.html"))

const respondentCookie = "__Host-auxpro_respondent"

var campaignPath = regexp.MustCompile(`^/s/(jurisdictions/[a-z0-9-]{1,63}/campaigns/[a-z0-9-]{1,63})$`)

type surveySite struct {
	client surveyv1.SurveyClient
	key    []byte
}

func registerSurvey(root *http.ServeMux, conn *grpc.ClientConn) error {
	if *cookieKeyFile == "" {
		return errors.New("--survey_pages needs --cookie_key_file")
	}
	key, err := os.ReadFile(*cookieKeyFile)
	if err != nil {
		return err
	}
	if len(key) < 32 {
		return errors.New("--cookie_key_file: at least 32 bytes")
	}
	s := &surveySite{client: surveyv1.NewSurveyClient(conn), key: key}
	root.Handle("/s/static/", http.StripPrefix("/s/", http.FileServer(http.FS(assets))))
	root.HandleFunc("/s/", s.serve)
	return nil
}

func (s *surveySite) mac(parts ...string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// respondent returns the respondent key of a valid cookie ("" when missing or forged).
func (s *surveySite) respondent(r *http.Request) string {
	c, err := r.Cookie(respondentCookie)
	if err != nil {
		return ""
	}
	value, sig, ok := strings.Cut(c.Value, ".")
	if !ok || len(value) != 22 || !hmac.Equal([]byte(sig), []byte(s.mac("respondent", value))) {
		return ""
	}
	return value
}

func (s *surveySite) setRespondent(w http.ResponseWriter) string {
	value := randomToken(16)
	http.SetCookie(w, &http.Cookie{
		Name: respondentCookie, Value: value + "." + s.mac("respondent", value), Path: "/",
		MaxAge: 400 * 24 * 3600, HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode,
	})
	return value
}

type question struct {
	Number int32
	Text   string
	Rated  bool
	Field  string
}

type pageData struct {
	Title, Introduction, Thanks, Source, Badge string
	Questions                                  []question
	Scale                                      []string
	Action, Link, SubmissionID, CSRF           string
	Kind, Message                              string // result pages
	Retry                                      string // link back to the form
}

func (s *surveySite) serve(w http.ResponseWriter, r *http.Request) {
	m := campaignPath.FindStringSubmatch(r.URL.Path)
	if m == nil {
		s.result(w, http.StatusNotFound, "unknown", "")
		return
	}
	campaign := m[1]
	ctx, cancel := context.WithTimeout(r.Context(), *defaultTimeout)
	defer cancel()
	switch r.Method {
	case http.MethodGet:
		s.form(ctx, w, r, campaign)
	case http.MethodPost:
		s.submit(ctx, w, r, campaign)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func (s *surveySite) form(ctx context.Context, w http.ResponseWriter, r *http.Request, campaign string) {
	link := r.URL.Query().Get("l")
	if link == "" || len(link) > 512 {
		s.result(w, http.StatusNotFound, "unknown", "")
		return
	}
	key := s.respondent(r)
	if key == "" {
		key = s.setRespondent(w)
	}
	q, err := s.client.GetCampaignQuestionnaire(ctx, &surveyv1.GetCampaignQuestionnaireRequest{
		Name: campaign, LinkPayload: link})
	if err != nil {
		s.failure(w, err, "")
		return
	}
	d := pageData{Title: q.GetTitle(), Introduction: q.GetIntroduction(), Thanks: q.GetThanks(),
		Source: q.GetSource(), Badge: q.GetBadgeNumber(), Scale: q.GetScale(),
		Action: "/s/" + campaign, Link: link, SubmissionID: newRequestID()}
	d.CSRF = s.mac("csrf", key, campaign, link, d.SubmissionID)
	for _, qq := range q.GetQuestions() {
		d.Questions = append(d.Questions, question{Number: qq.GetNumber(), Text: qq.GetText(),
			Rated: qq.GetRated(), Field: "q" + strconv.Itoa(int(qq.GetNumber()))})
	}
	render(w, http.StatusOK, "form.html", d)
}

func (s *surveySite) submit(ctx context.Context, w http.ResponseWriter, r *http.Request, campaign string) {
	if err := r.ParseForm(); err != nil {
		s.result(w, http.StatusBadRequest, "invalid", "")
		return
	}
	link, sub := r.PostForm.Get("l"), r.PostForm.Get("submission_id")
	retry := "/s/" + campaign + "?l=" + template.URLQueryEscaper(link)
	key := s.respondent(r)
	if key == "" || len(sub) != 36 || !hmac.Equal([]byte(r.PostForm.Get("csrf")),
		[]byte(s.mac("csrf", key, campaign, link, sub))) {
		// A forged or missing cookie, or a form not made for it: nothing is sent on.
		s.result(w, http.StatusForbidden, "forbidden", retry)
		return
	}
	in := &surveyv1.SubmitResponseRequest{Parent: campaign, LinkPayload: link, SubmissionId: sub,
		RespondentKey: key, Comment: strings.TrimSpace(r.PostForm.Get("comment"))}
	for i := 1; i <= 50; i++ {
		v := r.PostForm.Get("q" + strconv.Itoa(i))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 5 {
			s.result(w, http.StatusBadRequest, "invalid", retry)
			return
		}
		in.Answers = append(in.Answers, uint32(n))
	}
	if _, err := s.client.SubmitResponse(ctx, in); err != nil {
		s.failure(w, err, retry)
		return
	}
	s.result(w, http.StatusOK, "thanks", "")
}

// failure: the survey service's refusal in plain words.
func (s *surveySite) failure(w http.ResponseWriter, err error, retry string) {
	st := status.Convert(err)
	reason := ""
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			reason = info.GetReason()
		}
	}
	switch {
	case reason == "ALREADY_RESPONDED" || st.Code() == codes.AlreadyExists:
		s.result(w, http.StatusOK, "already", "")
	case reason == "CAMPAIGN_NOT_OPEN" || reason == "OUTSIDE_CAMPAIGN_PERIOD":
		s.result(w, http.StatusOK, "closed", "")
	case reason == "AUXILIARY_NOT_COVERED" || reason == "LINK_PAYLOAD_INVALID" ||
		st.Code() == codes.NotFound:
		s.result(w, http.StatusNotFound, "unknown", "")
	case st.Code() == codes.InvalidArgument:
		s.result(w, http.StatusBadRequest, "invalid", retry)
	default:
		log.Printf("survey: %s %s", st.Code(), st.Message())
		s.result(w, http.StatusServiceUnavailable, "unavailable", retry)
	}
}

var resultText = map[string][2]string{
	"thanks":      {"感谢您的评价", "您的评价已提交。感谢您对城市管理工作的支持！"},
	"already":     {"您已评价过", "您已对这位辅警作过评价，每人每次活动只能评价一次。感谢您的参与！"},
	"closed":      {"评议已结束", "本次满意度测评活动未开放或已结束，暂不能提交评价。"},
	"unknown":     {"未找到该辅警", "未找到这个二维码对应的辅警或测评活动。请核对工牌上的二维码后重试。"},
	"invalid":     {"请完整填写", "请对每一道评分题选择一个答案后再提交。"},
	"forbidden":   {"页面已失效", "页面已失效，请重新扫描二维码打开问卷。"},
	"unavailable": {"暂时无法提交", "系统暂时繁忙，请稍后再试。"},
}

func (s *surveySite) result(w http.ResponseWriter, code int, kind, retry string) {
	t := resultText[kind]
	render(w, code, "result.html", pageData{Kind: kind, Title: t[0], Message: t[1], Retry: retry})
}

func render(w http.ResponseWriter, code int, name string, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if err := pages.ExecuteTemplate(w, name, d); err != nil {
		log.Printf("template %s: %v", name, err)
	}
}

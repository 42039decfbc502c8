{{/* Names and labels. */}}
{{- define "auxpro.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "auxpro.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "auxpro.labels" -}}
{{ include "auxpro.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "auxpro.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "auxpro.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ .Values.serviceAccount.name | default (include "auxpro.fullname" .) }}
{{- else -}}
{{ .Values.serviceAccount.name | default "default" }}
{{- end -}}
{{- end -}}

{{/*
The Deployments to render, as YAML {items: {<name>: <entry of .Values.services>}}:
AllInOne -> only `all`; Microservices -> every other entry whose `enabled` is not false.
Every per-service template ranges over this, so there is no copy per service.
*/}}
{{- define "auxpro.deployments" -}}
items:
{{- if eq .Values.deploymentMode "AllInOne" }}
  all: {{ required "services.all is needed in AllInOne mode" .Values.services.all | toJson }}
{{- else }}
{{- range $name, $svc := .Values.services }}
{{- if and (ne $name "all") (or (not (hasKey $svc "enabled")) $svc.enabled) }}
  {{ $name }}: {{ $svc | toJson }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Service names served by this release (for the DB secret items and NOTES). */}}
{{- define "auxpro.serviceNames" -}}
{{- $names := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if and (ne $name "all") (or (not (hasKey $svc "enabled")) $svc.enabled) -}}
{{- $names = append $names $name -}}
{{- end -}}
{{- end -}}
{{ $names | toJson }}
{{- end -}}

{{/* Flags shared by the server containers and the migrations Job (dict root, withConfig). */}}
{{- define "auxpro.commonArgs" -}}
{{- $root := .root -}}
- --tls_cert=/etc/auxpro/tls/tls.crt
- --tls_key=/etc/auxpro/tls/tls.key
- --tls_client_ca=/etc/auxpro/tls/ca.crt
- --db_host={{ $root.Values.database.host }}
- --db_port={{ $root.Values.database.port }}
- --db_secrets_dir=/etc/auxpro/db
- --field_key_file=/etc/auxpro/field/field.key
{{- if or $root.Values.policiesConfigMap (and .withConfig $root.Values.policies) }}
- --policies_dir=/etc/auxpro/policies
{{- end }}
{{- range $root.Values.extraArgs }}
- {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
Volumes. dbServices: the services whose DB password this pod may read, each from its own Secret
<secrets.dbPrefix>-<service> (key `password`), projected as <service>.password into one directory.
withConfig: mount the chart's ConfigMap (policies); false for the pre-install hook, which runs
before the release's own objects exist.
*/}}
{{- define "auxpro.volumes" -}}
{{- $root := .root -}}
- name: tls
  secret:
    secretName: {{ $root.Values.secrets.tls }}
    defaultMode: 0440
- name: db
  projected:
    defaultMode: 0440
    sources:
    {{- range .dbServices }}
      {{- /* migrate: the migrations Job holds the migration users' passwords, never the runtime ones */}}
      - secret:
          name: {{ $root.Values.secrets.dbPrefix }}-{{ . }}{{ if $.migrate }}-migrate{{ end }}
          items:
            - key: password
              path: {{ . }}{{ if $.migrate }}_migrate{{ end }}.password
    {{- end }}
- name: field-key
  secret:
    secretName: {{ $root.Values.secrets.fieldKey }}
    defaultMode: 0440
- name: tmp
  emptyDir:
    medium: Memory
    sizeLimit: 16Mi
{{- if $root.Values.policiesConfigMap }}
- name: policies
  configMap:
    name: {{ $root.Values.policiesConfigMap }}
{{- else if and .withConfig $root.Values.policies }}
- name: policies
  configMap:
    name: {{ include "auxpro.fullname" $root }}-config
    items:
    {{- range $file, $_ := $root.Values.policies }}
      - key: {{ $file }}
        path: {{ $file }}
    {{- end }}
{{- end }}
{{- end -}}

{{- define "auxpro.volumeMounts" -}}
- {name: tls, mountPath: /etc/auxpro/tls, readOnly: true}
- {name: db, mountPath: /etc/auxpro/db, readOnly: true}
- {name: field-key, mountPath: /etc/auxpro/field, readOnly: true}
- {name: tmp, mountPath: /tmp}
{{- if or .root.Values.policiesConfigMap (and .withConfig .root.Values.policies) }}
- {name: policies, mountPath: /etc/auxpro/policies, readOnly: true}
{{- end }}
{{- end -}}

{{/*
The chart's ConfigMap data: the server flags every pod runs with (to read with kubectl) and the
inline policies. Pods carry checksum/config = sha256 of this as JSON, so a change rolls them.
*/}}
{{- define "auxpro.configData" -}}
server.args: {{ include "auxpro.commonArgs" (dict "root" . "withConfig" true) | quote }}
{{- range $file, $text := .Values.policies }}
{{ $file }}: {{ $text | quote }}
{{- end }}
{{- end -}}

{{- define "auxpro.configChecksum" -}}
{{ include "auxpro.configData" . | fromYaml | toJson | sha256sum }}
{{- end -}}

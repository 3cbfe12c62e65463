{{/* The deployables, in start order: the services, then the gateway that composes them. */}}
{{- define "serang.services" -}}identity catalogue request notification analytics{{- end -}}
{{- define "serang.components" -}}identity catalogue request notification analytics gateway{{- end -}}

{{- define "serang.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "serang.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: <fullname>-<component>. Call with (dict "root" $ "c" "identity"). */}}
{{- define "serang.componentName" -}}
{{- printf "%s-%s" (include "serang.fullname" .root | trunc 50 | trimSuffix "-") .c -}}
{{- end -}}

{{- define "serang.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "serang.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: serang-tatu
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "c" "identity"). Never change: Deployments' selectors are immutable. */}}
{{- define "serang.selectorLabels" -}}
app.kubernetes.io/name: {{ include "serang.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .c }}
{{- end -}}

{{- define "serang.componentLabels" -}}
{{ include "serang.labels" .root }}
app.kubernetes.io/component: {{ .c }}
{{- end -}}

{{- define "serang.image" -}}
{{- $img := .Values.image -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $img.repository $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $img.repository (default .Chart.AppVersion $img.tag) -}}
{{- end -}}
{{- end -}}

{{/* The entry point of a component in the image. */}}
{{- define "serang.entry" -}}
{{- if eq . "gateway" -}}gateway/src/main.js{{- else -}}{{ printf "services/%s/src/main.js" . }}{{- end -}}
{{- end -}}

{{- define "serang.url" -}}
{{- $v := index .root.Values .c -}}
{{- printf "http://%s:%v" (include "serang.componentName" .) $v.port -}}
{{- end -}}

{{- define "serang.kafkaBrokers" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-kafka-bootstrap:9092" (include "serang.fullname" .) -}}
{{- else -}}
{{- .Values.kafka.brokers -}}
{{- end -}}
{{- end -}}

{{- define "serang.pgCluster" -}}{{ include "serang.fullname" . | trunc 40 | trimSuffix "-" }}-pg{{- end -}}

{{- define "serang.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/*
The environment of one component's process (dict "root" $ "c" "identity"): the shared ConfigMap,
the component's own variables, the wiring the chart knows, secrets by reference.
*/}}
{{- define "serang.env" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $v := index $root.Values $c -}}
- name: PORT
  value: {{ $v.port | quote }}
- name: HOST
  value: "0.0.0.0"
- name: OTEL_SERVICE_NAME
  value: {{ $c | quote }}
- name: IDENTITY_JWKS_URL
  value: {{ printf "%s/.well-known/jwks.json" (include "serang.url" (dict "root" $root "c" "identity")) | quote }}
- name: EVENT_BUS
  value: {{ $root.Values.eventBus | quote }}
{{- if eq $root.Values.eventBus "kafka" }}
- name: KAFKA_BROKERS
  value: {{ include "serang.kafkaBrokers" $root | quote }}
{{- end }}
- name: KAFKA_PARTITIONS
  value: {{ $root.Values.kafka.partitions | quote }}
- name: KAFKA_NAMESPACE
  value: {{ $root.Values.kafka.namespace | quote }}
{{- if $root.Values.cloudnativepg.enabled }}
{{ include "serang.secretEnv" (dict "name" "DATABASE_URL" "secret" (printf "%s-app" (include "serang.pgCluster" $root)) "key" "uri") }}
{{- else }}
{{ include "serang.secretEnv" (dict "name" "DATABASE_URL" "secret" $root.Values.database.existingSecret "key" $root.Values.database.urlKey) }}
{{- end }}
{{- range $k, $val := $v.config }}
{{- if ne (toString $val) "" }}
- name: {{ $k }}
  value: {{ $val | toString | quote }}
{{- end }}
{{- end }}
{{- if eq $c "gateway" }}
{{- range $s := splitList " " (include "serang.services" $root) }}
- name: {{ printf "SUBGRAPH_%s_URL" (upper $s) }}
  value: {{ printf "%s/graphql" (include "serang.url" (dict "root" $root "c" $s)) | quote }}
{{- end }}
{{- end }}
{{- if or (eq $c "identity") (eq $c "request") (eq $c "notification") }}
{{ include "serang.secretEnv" (dict "name" "VAULT_MASTER_KEYS" "secret" $root.Values.secrets.vault.existingSecret "key" $root.Values.secrets.vault.masterKeysKey) }}
{{- end }}
{{- if eq $c "identity" }}
{{ include "serang.secretEnv" (dict "name" "BLIND_INDEX_KEY" "secret" $root.Values.secrets.blindIndex.existingSecret "key" $root.Values.secrets.blindIndex.key) }}
{{- with $root.Values.secrets.platformAdmin }}
{{- if .existingSecret }}
{{ include "serang.secretEnv" (dict "name" "PLATFORM_ADMIN_EMAIL" "secret" .existingSecret "key" .emailKey "optional" true) }}
{{ include "serang.secretEnv" (dict "name" "PLATFORM_ADMIN_PASSWORD" "secret" .existingSecret "key" .passwordKey "optional" true) }}
{{- end }}
{{- end }}
{{- with $root.Values.secrets.smtp }}
{{- if .existingSecret }}
{{ include "serang.secretEnv" (dict "name" "SMTP_URL" "secret" .existingSecret "key" .key) }}
{{- end }}
{{- end }}
{{- if not (hasKey $v.config "INVITATION_LINK_BASE") }}
- name: INVITATION_LINK_BASE
  value: {{ printf "https://%s/staff-invitation" (include "serang.publicHost" $root) | quote }}
{{- end }}
{{- if not (hasKey $v.config "OIDC_ISSUER") }}
- name: OIDC_ISSUER
  value: {{ printf "https://%s/oidc" (include "serang.publicHost" $root) | quote }}
{{- end }}
{{- end }}
{{- if eq $c "request" }}
- name: UPLOADS_STORAGE
  value: {{ $root.Values.uploads.storage | quote }}
{{- if eq $root.Values.uploads.storage "s3" }}
{{- with $root.Values.uploads.s3 }}
- name: UPLOADS_S3_BUCKET
  value: {{ .bucket | quote }}
- name: UPLOADS_S3_PREFIX
  value: {{ .prefix | quote }}
- name: UPLOADS_S3_REGION
  value: {{ .region | quote }}
{{- if .endpoint }}
- name: UPLOADS_S3_ENDPOINT
  value: {{ .endpoint | quote }}
{{- end }}
- name: UPLOADS_S3_FORCE_PATH_STYLE
  value: {{ .forcePathStyle | toString | quote }}
{{- if .existingSecret }}
{{ include "serang.secretEnv" (dict "name" "AWS_ACCESS_KEY_ID" "secret" .existingSecret "key" .accessKeyIdKey) }}
{{ include "serang.secretEnv" (dict "name" "AWS_SECRET_ACCESS_KEY" "secret" .existingSecret "key" .secretAccessKeyKey) }}
{{- end }}
{{- end }}
{{- else }}
- name: UPLOADS_DIR
  value: /var/lib/serang/uploads
{{- end }}
{{- end }}
{{- end -}}

{{- define "serang.publicHost" -}}
{{- if .Values.httpRoute.enabled -}}{{ .Values.httpRoute.host }}{{- else -}}{{ .Values.ingress.host }}{{- end -}}
{{- end -}}

{{- define "serang.envFrom" -}}
- configMapRef:
    name: {{ include "serang.fullname" .root }}-config
{{- if and (eq .c "notification") .root.Values.secrets.notificationProviders.existingSecret }}
- secretRef:
    name: {{ .root.Values.secrets.notificationProviders.existingSecret | quote }}
{{- end }}
{{- end -}}

{{- define "serang.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "serang.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
The NetworkPolicy peers (a YAML list) of one name in networkPolicy.flows: a component of this
release, or a peer of networkPolicy.peers (postgres and kafka: the in-chart clusters when enabled).
*/}}
{{- define "serang.peer" -}}
{{- $root := .root -}}
{{- if has .name .components -}}
- podSelector:
    matchLabels:
      {{- include "serang.selectorLabels" (dict "root" $root "c" .name) | nindent 6 }}
{{- else if and (eq .name "postgres") $root.Values.cloudnativepg.enabled -}}
- podSelector:
    matchLabels:
      cnpg.io/cluster: {{ include "serang.pgCluster" $root }}
{{- else if and (eq .name "kafka") $root.Values.kafka.strimzi.enabled -}}
- podSelector:
    matchLabels:
      strimzi.io/cluster: {{ include "serang.fullname" $root }}-kafka
{{- else -}}
{{- $p := index $root.Values.networkPolicy.peers .name | default dict -}}
{{- range $b := $p.ipBlocks }}
- ipBlock:
    {{- toYaml $b | nindent 4 }}
{{- end }}
{{- if or (hasKey $p "namespaceSelector") (hasKey $p "podSelector") }}
- {{- if hasKey $p "namespaceSelector" }}
  namespaceSelector:
    {{- toYaml $p.namespaceSelector | nindent 4 }}
  {{- end }}
  {{- if hasKey $p "podSelector" }}
  podSelector:
    {{- toYaml $p.podSelector | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}
{{- end -}}

{{- define "serang.peerPorts" -}}
{{- $root := .root -}}
{{- if and (eq .name "postgres") $root.Values.cloudnativepg.enabled -}}
- {port: 5432, protocol: TCP}
{{- else if and (eq .name "kafka") $root.Values.kafka.strimzi.enabled -}}
- {port: 9092, protocol: TCP}
{{- else -}}
{{- $p := index $root.Values.networkPolicy.peers .name | default dict -}}
{{- toYaml ($p.ports | default list) -}}
{{- end -}}
{{- end -}}

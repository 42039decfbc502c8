#include "libs/auth/principal.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>
#include <grpcpp/server_context.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/auth/forwarded_identity.h"

namespace auxpro::auth {

namespace {

bool IsIdChars(const std::string& s, bool allow_upper) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    (allow_upper && c >= 'A' && c <= 'Z');
    if (!ok) return false;
  }
  return true;
}

constexpr size_t kMaxActorBytes = 128;

// Well-formed UTF-8 without control characters (the actor is stored and hashed as text).
bool IsPrintableUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) return false;
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

}  // namespace

std::string Principal::ToString() const {
  return absl::StrCat(common::v1::AgencyKind_Name(kind), " ", agency_id, "@", jurisdiction);
}

absl::StatusOr<Principal> ParseSpiffeId(const std::string& uri) {
  static constexpr char kPrefix[] = "spiffe://auxpro/";
  if (uri.rfind(kPrefix, 0) != 0) {
    return absl::UnauthenticatedError(
        absl::StrCat("client certificate URI \"", uri, "\" is not spiffe://auxpro/..."));
  }
  std::vector<std::string> parts = absl::StrSplit(uri.substr(sizeof(kPrefix) - 1), '/');
  if (parts.size() != 3) {
    return absl::UnauthenticatedError(
        absl::StrCat("client certificate URI \"", uri,
                     "\" must read spiffe://auxpro/<jurisdiction>/<agency-kind>/<agency-id>"));
  }
  Principal p;
  p.spiffe_id = uri;
  p.jurisdiction = parts[0];
  p.agency_id = parts[2];
  if (!IsIdChars(p.jurisdiction, false) || !IsIdChars(p.agency_id, false)) {
    return absl::UnauthenticatedError(
        absl::StrCat("client certificate URI \"", uri, "\" has a malformed jurisdiction or id"));
  }
  if (!common::v1::AgencyKind_Parse(parts[1], &p.kind) ||
      p.kind == common::v1::AGENCY_KIND_UNSPECIFIED) {
    return absl::UnauthenticatedError(absl::StrCat(
        "client certificate URI \"", uri, "\" names unknown agency kind \"", parts[1], "\""));
  }
  const bool system = p.jurisdiction == kSystemJurisdiction;
  if (system != (p.kind == common::v1::SERVICE)) {
    return absl::UnauthenticatedError(absl::StrCat(
        "client certificate URI \"", uri,
        "\": only SERVICE identities belong to the \"system\" jurisdiction, and only there"));
  }
  return p;
}

absl::StatusOr<Principal> PrincipalFromAuthContext(const grpc::AuthContext& context) {
  // Set only by the access gate, for a certificate a trusted proxy forwarded and it verified.
  std::vector<grpc::string_ref> forwarded = context.FindPropertyValues(kForwardedSpiffeIdProperty);
  if (forwarded.size() == 1) {
    return ParseSpiffeId(std::string(forwarded[0].data(), forwarded[0].size()));
  }
  std::vector<grpc::string_ref> ids = context.FindPropertyValues(GRPC_PEER_SPIFFE_ID_PROPERTY_NAME);
  if (ids.size() != 1) {
    return absl::UnauthenticatedError(
        "client certificate must carry exactly one URI SAN spiffe://auxpro/<jurisdiction>/"
        "<agency-kind>/<agency-id>");
  }
  return ParseSpiffeId(std::string(ids[0].data(), ids[0].size()));
}

absl::StatusOr<Principal> PrincipalOfCall(const grpc::ServerContextBase& context) {
  auto auth = context.auth_context();
  if (auth == nullptr) return absl::UnauthenticatedError("no client certificate");
  auto principal = PrincipalFromAuthContext(*auth);
  if (!principal.ok()) return principal.status();
  const auto& md = context.client_metadata();
  for (const char* key : {"x-auxpro-actor-bin", "x-auxpro-actor"}) {
    auto it = md.find(key);
    if (it == md.end()) continue;
    std::string actor(it->second.data(), it->second.size());
    if (!IsPrintableUtf8(actor)) {
      return absl::InvalidArgumentError(
          absl::StrCat(key, ": the actor name must be printable UTF-8 text"));
    }
    if (actor.size() > kMaxActorBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(key, ": at most ", kMaxActorBytes, " bytes, got ", actor.size()));
    }
    principal->actor = std::move(actor);
    break;
  }
  return principal;
}

}  // namespace auxpro::auth

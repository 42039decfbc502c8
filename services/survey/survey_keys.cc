#include "services/survey/survey_keys.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace auxpro::survey {

namespace {

std::string HmacHex(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return absl::BytesToHexString(std::string(reinterpret_cast<const char*>(out), len));
}

constexpr size_t kLinkMacHex = 32;  // 128 bits

std::string LinkMac(const std::string& secret, const std::string& campaign_id,
                    const std::string& badge) {
  return HmacHex(secret, absl::StrCat("link\n", campaign_id, "\n", badge)).substr(0, kLinkMacHex);
}

}  // namespace

std::string NewCampaignSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  return absl::BytesToHexString(std::string(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::string RespondentHash(const std::string& secret, const std::string& respondent_key) {
  return HmacHex(secret, absl::StrCat("respondent\n", respondent_key));
}

std::string LinkPayload(const std::string& secret, const std::string& campaign_id,
                        const std::string& badge_number) {
  return absl::StrCat(absl::WebSafeBase64Escape(absl::StrCat(campaign_id, "|", badge_number)), ".",
                      LinkMac(secret, campaign_id, badge_number));
}

std::optional<std::string> BadgeOfLinkPayload(const std::string& secret,
                                              const std::string& campaign_id,
                                              const std::string& payload) {
  if (payload.size() > 256) return std::nullopt;
  const size_t dot = payload.find('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string text;
  if (!absl::WebSafeBase64Unescape(payload.substr(0, dot), &text)) return std::nullopt;
  const size_t bar = text.find('|');
  if (bar == std::string::npos || text.substr(0, bar) != campaign_id) return std::nullopt;
  const std::string badge = text.substr(bar + 1);
  const std::string mac = payload.substr(dot + 1);
  const std::string expected = LinkMac(secret, campaign_id, badge);
  if (mac.size() != expected.size() ||
      CRYPTO_memcmp(mac.data(), expected.data(), mac.size()) != 0) {
    return std::nullopt;
  }
  return badge;
}

}  // namespace auxpro::survey

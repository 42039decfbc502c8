// Unit tests of libs/crypto/field_cipher: field cipher.

#include "libs/crypto/field_cipher.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "absl/strings/escaping.h"

namespace auxpro {
namespace {

constexpr char kKeyA[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr char kKeyB[] = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

crypto::FieldCipher Cipher(const std::string& key) {
  auto c = crypto::FieldCipher::FromHexKey(key);
  EXPECT_TRUE(c.ok()) << c.status();
  return std::move(*c);
}

TEST(FieldCipher, RoundTripsANationalId) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  const std::string id = "51010419900101123X";
  const std::string sealed = c.Encrypt(id);
  EXPECT_EQ(sealed.find(id), std::string::npos);
  auto opened = c.Decrypt(sealed);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, id);
}

TEST(FieldCipher, RoundTripsTheEmptyString) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  auto opened = c.Decrypt(c.Encrypt(""));
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "");
}

TEST(FieldCipher, AValueSealedForOneRecordDoesNotOpenForAnother) {
  const auto c = Cipher(kKeyA);
  const std::string sealed = c.Encrypt("51010419900101123X", "jurisdictions/w/persons/p-1");
  EXPECT_EQ(*c.Decrypt(sealed, "jurisdictions/w/persons/p-1"), "51010419900101123X");
  EXPECT_FALSE(c.Decrypt(sealed, "jurisdictions/w/persons/p-2").ok());
  EXPECT_FALSE(c.Decrypt(sealed).ok());
}

TEST(FieldCipher, EachEncryptionUsesAFreshNonce) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  EXPECT_NE(c.Encrypt("51010419900101123X"), c.Encrypt("51010419900101123X"));
}

TEST(FieldCipher, ADecryptionWithAnotherInstanceOfTheSameKeyWorks) {
  const std::string sealed = Cipher(kKeyA).Encrypt("51010419900101123X");
  auto opened = Cipher(std::string(kKeyA) + "\n").Decrypt(sealed);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "51010419900101123X");
}

TEST(FieldCipher, RefusesTamperedCiphertext) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  std::string raw;
  ASSERT_TRUE(absl::Base64Unescape(c.Encrypt("51010419900101123X"), &raw));
  ASSERT_EQ(raw.size(), 12u + 18u + 16u);
  // Flip one bit in the nonce, the body and the tag, one at a time.
  for (size_t pos : {size_t{0}, size_t{12}, size_t{20}, raw.size() - 1}) {
    std::string bad = raw;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x01);
    auto opened = c.Decrypt(absl::Base64Escape(bad));
    ASSERT_FALSE(opened.ok()) << "tampered byte " << pos << " accepted";
    EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  }
  // Truncated.
  auto truncated = c.Decrypt(absl::Base64Escape(raw.substr(0, raw.size() - 1)));
  EXPECT_EQ(truncated.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(FieldCipher, RefusesDataSealedWithAnotherKey) {
  auto opened = Cipher(kKeyB).Decrypt(Cipher(kKeyA).Encrypt("51010419900101123X"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(FieldCipher, RefusesMalformedInput) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  for (const std::string& bad :
       std::vector<std::string>{std::string(""), std::string("not base64 !!"),
                                absl::Base64Escape(std::string(27, 'x'))}) {
    auto opened = c.Decrypt(bad);
    ASSERT_FALSE(opened.ok()) << bad;
    EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  }
}

TEST(FieldCipher, BlindIndexIsStableAndKeyDependent) {
  const std::string id = "51010419900101123X";
  const std::string a1 = Cipher(kKeyA).BlindIndex(id);
  EXPECT_EQ(a1.size(), 64u);
  EXPECT_EQ(a1.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(Cipher(kKeyA).BlindIndex(id), a1);
  EXPECT_NE(Cipher(kKeyB).BlindIndex(id), a1);
  EXPECT_NE(Cipher(kKeyA).BlindIndex("510104199001011230"), a1);
}

TEST(FieldCipher, UpperAndLowerCaseHexKeysAreTheSameKey) {
  std::string upper = kKeyA;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(Cipher(upper).BlindIndex("x"), Cipher(kKeyA).BlindIndex("x"));
}

TEST(FieldCipher, RefusesAKeyThatIsNot64HexCharacters) {
  const std::string good = kKeyA;
  for (const std::string& bad :
       std::vector<std::string>{std::string(""), good.substr(0, 63), good + "0",
                                "g" + good.substr(1), good.substr(0, 32) + " " + good.substr(33)}) {
    auto c = crypto::FieldCipher::FromHexKey(bad);
    ASSERT_FALSE(c.ok()) << "accepted \"" << bad << "\"";
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace auxpro

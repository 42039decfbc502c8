#include "libs/db/named_lock.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace auxpro::db {

namespace {
constexpr char kName[] = "CONCAT(?, DATABASE(), ?)";
}  // namespace

absl::StatusOr<std::unique_ptr<NamedLock>> NamedLock::TryAcquire(ConnectionPool& pool,
                                                                 const std::string& prefix,
                                                                 const std::string& suffix) {
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  std::unique_ptr<NamedLock> lock(new NamedLock(std::move(*lease), prefix, suffix));
  auto locked =
      lock->conn_.QueryOne(absl::StrCat("SELECT GET_LOCK(", kName, ", 0)"), {prefix, suffix});
  if (!locked.ok()) {
    return locked.status();
  }
  if (!*locked || (*locked)->IsNull(0)) {
    return absl::UnavailableError(
        absl::StrCat("GET_LOCK for ", prefix, "<schema>", suffix, " answered NULL"));
  }
  if ((*locked)->Int(0) != 1) {
    return std::unique_ptr<NamedLock>();  // another session holds it
  }
  lock->held_ = true;
  return lock;
}

NamedLock::NamedLock(Lease lease, std::string prefix, std::string suffix)
    : lease_(std::move(lease)),
      conn_(lease_),
      prefix_(std::move(prefix)),
      suffix_(std::move(suffix)) {}

NamedLock::~NamedLock() { Release(); }

bool NamedLock::Release() {
  if (!held_) return true;
  held_ = false;
  auto released =
      conn_.QueryOne(absl::StrCat("SELECT RELEASE_LOCK(", kName, ")"), {prefix_, suffix_});
  if (!released.ok() || !*released || (*released)->IsNull(0) || (*released)->Int(0) != 1) {
    lease_.MarkBroken();
    return false;
  }
  return true;
}

}  // namespace auxpro::db

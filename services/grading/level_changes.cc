#include "services/grading/level_changes.h"

#include "absl/strings/str_cat.h"
#include "auxpro/grading/v1/events.pb.h"
#include "libs/common/status_macros.h"
#include "libs/outbox/outbox.h"

namespace auxpro::grading {

namespace {
const std::vector<std::string> kLevelChangedConsumers = {"points"};
}  // namespace

Actor ActorOf(const rpc::CallContext& call) {
  return {
      call.principal.kind,
      absl::StrCat(common::v1::AgencyKind_Name(call.principal.kind), " ", call.principal.agency_id),
      call.principal.actor, call.now};
}

absl::Status Archive(db::Transaction& tx, const std::string& j, const std::string& person_id,
                     const std::string& subject, const std::string& action,
                     const std::string& from_state, const std::string& to_state, const Actor& by,
                     const std::string& reason) {
  v1::ArchiveEntry e;
  e.set_subject(subject);
  e.set_person(store::PersonName(j, person_id));
  e.set_action(action);
  e.set_from_state(from_state);
  e.set_to_state(to_state);
  e.set_agency(by.agency);
  e.set_actor(by.actor);
  e.set_reason(reason);
  return store::AppendArchive(tx, j, person_id, std::move(e), by.now);
}

absl::StatusOr<store::LevelRecord> ApplyLevelChange(
    db::Transaction& tx, const policy::v1::Grading& grading, const std::string& j,
    const std::string& person_id, int expected_from, int to, v1::LevelChangeKind kind,
    const std::string& reason, const std::string& decision, const Actor& by,
    v1::RevocationGround ground, const common::v1::Date* effective_date) {
  ASSIGN_OR_RETURN(store::LevelRecord before,
                   store::GetLevel(tx, j, person_id, /*lock=*/true, by.now));
  ASSIGN_OR_RETURN(v1::LevelChange change, DecideLevelChange(grading, before.level, expected_from,
                                                             to, kind, reason, decision, by));
  change.set_revocation_ground(ground);
  if (effective_date != nullptr) *change.mutable_effective_date() = *effective_date;
  ASSIGN_OR_RETURN(store::LevelRecord after,
                   store::ChangeLevel(tx, j, person_id, before, change, by.now));
  RETURN_IF_ERROR(Archive(tx, j, person_id, store::LevelName(j, person_id), "LEVEL_CHANGED",
                          absl::StrCat(before.level), absl::StrCat(to), by,
                          absl::StrCat(v1::LevelChangeKind_Name(kind), ": ", reason)));
  v1::LevelChanged event;
  event.set_person(store::PersonName(j, person_id));
  event.set_level(to);
  event.set_previous_level(before.level);
  *event.mutable_effective_date() = change.effective_date();
  event.set_decision(decision);
  RETURN_IF_ERROR(
      outbox::Enqueue(
          tx, {"grading", kLevelChangedConsumers, j, store::PersonName(j, person_id), &event},
          by.now)
          .status());
  return after;
}

absl::StatusOr<v1::PersonLevel> LoadPersonLevel(db::Transaction& tx, const std::string& j,
                                                const std::string& person_id, absl::Time now) {
  ASSIGN_OR_RETURN(store::LevelRecord rec, store::GetLevel(tx, j, person_id, false, now));
  ASSIGN_OR_RETURN(auto history, store::History(tx, j, person_id));
  v1::PersonLevel out;
  out.set_name(store::LevelName(j, person_id));
  out.set_person(store::PersonName(j, person_id));
  out.set_level(rec.level);
  if (rec.version > 0 && rec.level > 0) *out.mutable_since() = rec.since;
  for (auto& c : history) *out.add_history() = std::move(c);
  out.set_etag(absl::StrCat(rec.version));
  return out;
}

}  // namespace auxpro::grading

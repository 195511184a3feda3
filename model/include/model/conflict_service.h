#pragma once
// Settling what sync could not: a person chooses between a field's current value and the
// one that lost to a concurrent edit. The choice is written as an ordinary edit, so it
// reaches every partner and settles their copies of the conflict too.

#include <vector>

#include "model/service_context.h"
#include "model/sync_store.h"

namespace nmdt {

/// Lists and resolves sync conflicts for the signed-in person.
class ConflictService {
  public:
    ConflictService(ServiceContext context, SyncStore& sync) : ctx_(context), sync_(sync) {}

    std::vector<SyncConflict> open() const { return sync_.conflicts(true); }

    enum class Choice { KeepCurrent, UseOther };
    /// Throws DomainError (NotFound, NotPermitted).
    void resolve(std::int64_t conflictId, Choice choice);

  private:
    ServiceContext ctx_;
    SyncStore& sync_;
};

}  // namespace nmdt

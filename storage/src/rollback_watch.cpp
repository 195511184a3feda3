#include "rollback_watch.h"

#include <sqlite3.h>

namespace nmdt::storage {

void watchRollbacks(sqlite3* connection, void (*callback)(void*), void* context) {
    sqlite3_rollback_hook(connection, callback, context);
}

}  // namespace nmdt::storage

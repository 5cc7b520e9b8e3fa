#include <sqlite3.h>

/* sqlite3_db_config is variadic and so not callable from Swift; this wraps the integer form. */
static inline int tt_sqlite3_db_config_int(sqlite3 *db, int op, int value) {
    return sqlite3_db_config(db, op, value, (int *)0);
}

/* SQLITE_STATIC / SQLITE_TRANSIENT are casts of integers to function pointers; Swift can't import them. */
static inline sqlite3_destructor_type tt_sqlite_static(void) { return SQLITE_STATIC; }
static inline sqlite3_destructor_type tt_sqlite_transient(void) { return SQLITE_TRANSIENT; }

using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clawverse.Storage;

public static class DbErrors
{
    /// <summary>True when the statement failed on a UNIQUE or PRIMARY KEY constraint, on either engine.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        // 2067 = SQLITE_CONSTRAINT_UNIQUE, 1555 = SQLITE_CONSTRAINT_PRIMARYKEY
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

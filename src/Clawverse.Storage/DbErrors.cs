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

    /// <summary>True when the statement failed on the UNIQUE constraint of <paramref name="column"/>: SQLite names
    /// "table.column" in its message, PostgreSQL names the constraint after the column ("table_column_key").</summary>
    public static bool IsUniqueViolationOn(Exception exception, string table, string column) => exception switch
    {
        SqliteException sqlite => IsUniqueViolation(sqlite) && sqlite.Message.Contains($"{table}.{column}", StringComparison.Ordinal),
        PostgresException postgres => IsUniqueViolation(postgres) && postgres.ConstraintName == $"{table}_{column}_key",
        _ => false,
    };
}

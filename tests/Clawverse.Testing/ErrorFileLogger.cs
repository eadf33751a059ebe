using Microsoft.Extensions.Logging;

namespace Clawverse.Testing;

/// <summary>Appends the server's error logs (with exceptions) to a file, so a failing in-process test can
/// be diagnosed: set CLAWVERSE_TEST_ERROR_LOG to a path.</summary>
public sealed class ErrorFileLoggerProvider(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (Gate)
            {
                File.AppendAllText(path, $"[{logLevel}] {category}: {formatter(state, exception)}\n{exception}\n\n");
            }
        }
    }
}

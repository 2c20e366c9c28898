using System.Globalization;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Lambda;

/// <summary>
/// The account's Lambda concurrency, counted as Lambda counts it: an invocation in flight holds one unit from the
/// moment it is accepted until its outcome. A function with <c>ReservedConcurrentExecutions</c> draws on its reservation
/// alone; every other function shares what the account's quota leaves unreserved. An invocation beyond its pool is
/// refused at once (<see cref="TooManyRequestsException"/>), never queued.
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
/// </summary>
internal sealed class LambdaConcurrency
{
    /// <summary>
    /// What Lambda keeps unreserved: 100, or the whole quota when it is smaller ("You can reserve up to the Unreserved
    /// account concurrency value minus 100"; an account whose quota is 10 can reserve nothing).
    /// </summary>
    public const int MinimumUnreserved = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _reserved;
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private int _unreservedInFlight;

    /// <param name="accountConcurrency">The account's quota of concurrent executions (1,000 by default in AWS).</param>
    /// <param name="reservations">Each function's <c>ReservedConcurrentExecutions</c>; null for none.</param>
    /// <exception cref="TemplateException">The reservations leave less unreserved than Lambda keeps, or one is below 0.</exception>
    public LambdaConcurrency(int accountConcurrency, IEnumerable<KeyValuePair<string, int?>> reservations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accountConcurrency, 1);
        ArgumentNullException.ThrowIfNull(reservations);
        AccountConcurrency = accountConcurrency;
        _reserved = new Dictionary<string, int>(StringComparer.Ordinal);
        var minimum = Math.Min(MinimumUnreserved, accountConcurrency);
        foreach (var (function, reserved) in reservations)
        {
            if (reserved is not { } units)
            {
                continue;
            }

            if (units < 0)
            {
                throw new TemplateException($"{function}: ReservedConcurrentExecutions must be at least 0, not {units}.");
            }

            _reserved[function] = units;
            if (accountConcurrency - _reserved.Values.Sum() < minimum)
            {
                // The words of Lambda's InvalidParameterValueException, which fails the stack's deployment.
                throw new TemplateException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{function}: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{minimum}]."));
            }
        }
    }

    public int AccountConcurrency { get; }

    /// <summary>What the functions without a reservation share.</summary>
    public int UnreservedConcurrency => AccountConcurrency - _reserved.Values.Sum();

    /// <summary>The function's reservation, or null when it shares the unreserved pool.</summary>
    public int? ReservedFor(string function) => _reserved.TryGetValue(function, out var units) ? units : null;

    /// <summary>Takes one unit for an invocation of <paramref name="function"/>; dispose the lease when it ends.</summary>
    /// <exception cref="TooManyRequestsException">The function's reservation, or the unreserved pool, is in use.</exception>
    public IDisposable Acquire(string function)
    {
        lock (_gate)
        {
            if (_reserved.TryGetValue(function, out var reserved))
            {
                var inFlight = _inFlight.GetValueOrDefault(function);
                if (inFlight >= reserved)
                {
                    throw new TooManyRequestsException(TooManyRequestsException.ReservedFunctionLimit);
                }

                _inFlight[function] = inFlight + 1;
                return new Lease(this, function);
            }

            if (_unreservedInFlight >= UnreservedConcurrency)
            {
                throw new TooManyRequestsException(TooManyRequestsException.AccountLimit);
            }

            _unreservedInFlight++;
            return new Lease(this, null);
        }
    }

    private void Release(string? reservedFunction)
    {
        lock (_gate)
        {
            if (reservedFunction is null)
            {
                _unreservedInFlight--;
            }
            else
            {
                _inFlight[reservedFunction]--;
            }
        }
    }

    private sealed class Lease(LambdaConcurrency owner, string? reservedFunction) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(reservedFunction);
            }
        }
    }
}

/// <summary>
/// Lambda's Invoke refused: no concurrency left for the function (HTTP 429 <c>TooManyRequestsException</c>, message
/// "Rate Exceeded.", <c>Reason</c> saying whose limit it was, <c>Type</c> <c>User</c>).
/// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
/// </summary>
public sealed class TooManyRequestsException : Exception
{
    /// <summary>The function's <c>ReservedConcurrentExecutions</c> are all in use.</summary>
    public const string ReservedFunctionLimit = "ReservedFunctionConcurrentInvocationLimitExceeded";

    /// <summary>The account's unreserved concurrency is all in use.</summary>
    public const string AccountLimit = "ConcurrentInvocationLimitExceeded";

    public const string ErrorType = "User";

    public TooManyRequestsException()
        : this(AccountLimit)
    {
    }

    public TooManyRequestsException(string reason)
        : base("Rate Exceeded.")
    {
        Reason = reason;
    }

    public TooManyRequestsException(string reason, Exception innerException)
        : base("Rate Exceeded.", innerException)
    {
        Reason = reason;
    }

    /// <summary><see cref="ReservedFunctionLimit"/> or <see cref="AccountLimit"/>.</summary>
    public string Reason { get; }

    public override string ToString() => $"{nameof(TooManyRequestsException)}: {Message} ({Reason})";
}

using OrderPipeline.Local.Cli.Trial;

namespace OrderPipeline.Local.Cli.Tests.Trial;

public sealed class TrialReconcilerTests
{
    private const string First = "11111111-1111-8111-8111-111111111111";
    private const string Second = "22222222-2222-8222-8222-222222222222";
    private const string Settle = "the orders queue drained before the time-out";
    private const string StoredOrDeadLettered = "every order answered 202 is stored exactly once or sits in the dead-letter queue with its reason";
    private const string Sent = "no order answered 202 without a message on the queue";
    private const string NotTwice = "no order stored twice";
    private const string NothingRefusedStored = "nothing answered only 500, 503 or 429 (certainly not accepted) was queued or stored";
    private const string ReplaysStored = "every 202 replayed for an Idempotency-Key names an order in the table or the dead-letter queue";
    private const string ReuseRefused = "no other order sent under an accepted order's Idempotency-Key was accepted or queued";
    private const string Consistent = "every 202 for an Idempotency-Key named the order that key derives";

    [Fact]
    public void Reconcile_BothStoredOnce_EveryCheckPassesAndTheFiguresCountThem()
    {
        var report = TrialReconciler.Reconcile(Evidence());

        Assert.True(report.Passed, string.Join("; ", report.Checks.Where(check => !check.Passed).Select(check => check.Detail)));
        Assert.Equal(8, report.Checks.Count);
        var figures = report.Figures;
        Assert.Equal((2, 3, 2, 2, 0, 0, 0), (figures.Orders, figures.Requests, figures.Accepted, figures.Stored, figures.DeadLettered, figures.Lost, figures.Duplicated));
        Assert.Equal([KeyValuePair.Create(202, 2), KeyValuePair.Create(503, 1)], figures.AnswersByStatus);
    }

    [Fact]
    public void Reconcile_AcceptedOrderNeitherStoredNorDeadLettered_FailsAndCountsItLost()
    {
        var report = TrialReconciler.Reconcile(Evidence() with { Stored = Set(First), Writes = [Write(First)] });

        Assert.Equal([StoredOrDeadLettered], Failed(report));
        Assert.Equal(1, report.Figures.Lost);
        Assert.Contains(Second, Detail(report, StoredOrDeadLettered), StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_AcceptedOrderInTheDeadLetterQueueWithAReason_Passes()
    {
        var report = TrialReconciler.Reconcile(Evidence() with
        {
            Stored = Set(First),
            Writes = [Write(First)],
            DeadLetters = [new DeadLetter("m-2", Second, ["the whole batch failed: Runtime.ExitError"])],
        });

        Assert.True(report.Passed);
        Assert.Equal((1, 1, 0), (report.Figures.Stored, report.Figures.DeadLettered, report.Figures.Lost));
    }

    [Fact]
    public void Reconcile_AcceptedOrderInTheDeadLetterQueueWithoutAReason_Fails()
    {
        var report = TrialReconciler.Reconcile(Evidence() with
        {
            Stored = Set(First),
            Writes = [Write(First)],
            DeadLetters = [new DeadLetter("m-2", Second, [])],
        });

        Assert.Equal([StoredOrDeadLettered], Failed(report));
        Assert.Contains("without a reason: " + Second, Detail(report, StoredOrDeadLettered), StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_AcceptedOrderWithoutAMessage_Fails()
    {
        var report = TrialReconciler.Reconcile(Evidence() with { Sent = [new OrderMessageSent("OrdersQueue", "m-1", First)] });

        Assert.Equal([Sent], Failed(report));
        Assert.Contains(Second, Detail(report, Sent), StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_OrderCreatedTwice_FailsAndCountsItDuplicated()
    {
        var report = TrialReconciler.Reconcile(Evidence() with { Writes = [Write(First), Write(Second), Write(Second)] });

        Assert.Contains(NotTwice, Failed(report));
        Assert.Equal(1, report.Figures.Duplicated);
    }

    [Fact]
    public void Reconcile_OrderOverwritten_FailsAndCountsItDuplicated()
    {
        var report = TrialReconciler.Reconcile(Evidence() with
        {
            Writes = [Write(First), Write(Second), new OrderItemWrite("OrdersTable", First, Overwrote: true)],
        });

        Assert.Contains(NotTwice, Failed(report));
        Assert.Equal(1, report.Figures.Duplicated);
        Assert.Contains(First, Detail(report, NotTwice), StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_OrderAnsweredOnly5xxButStored_Fails()
    {
        var refused = new TrialSubmission(Order(3, "33333333-3333-8333-8333-333333333333"), [new TrialAnswer(503, null), new TrialAnswer(500, null)], false, 1, []);
        var evidence = Evidence();
        var report = TrialReconciler.Reconcile(evidence with
        {
            Submissions = [.. evidence.Submissions, refused],
            Stored = Set(First, Second, refused.Order.ExpectedOrderId),
        });

        Assert.Equal([NothingRefusedStored], Failed(report));
    }

    // A 504 says the outcome is unknown: the order may well have been stored, and that is no failure.
    [Fact]
    public void Reconcile_OrderAnsweredOnly504AndStored_Passes()
    {
        var unknown = new TrialSubmission(Order(3, "33333333-3333-8333-8333-333333333333"), [new TrialAnswer(504, null), new TrialAnswer(0, null)], false, 1, []);
        var evidence = Evidence();

        var report = TrialReconciler.Reconcile(evidence with
        {
            Submissions = [.. evidence.Submissions, unknown],
            Stored = Set(First, Second, unknown.Order.ExpectedOrderId),
        });

        Assert.Empty(Failed(report));
    }

    [Fact]
    public void Reconcile_ReplayedOrderNeitherStoredNorDeadLettered_Fails()
    {
        var evidence = Evidence();
        var replayed = evidence.Submissions[1] with { Answers = [new TrialAnswer(202, Second, Replayed: true)] };

        var report = TrialReconciler.Reconcile(evidence with
        {
            Submissions = [evidence.Submissions[0], replayed],
            Stored = Set(First),
            Writes = [Write(First)],
        });

        Assert.Contains(ReplaysStored, Failed(report));
        Assert.Contains(Second, Detail(report, ReplaysStored), StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_KeyReusedAndRefusedWith422_PassesAndCountsIt()
    {
        var evidence = Evidence();
        var reused = evidence.Submissions[0] with { ReuseAnswers = [new TrialAnswer(503, null), new TrialAnswer(422, null)] };

        var report = TrialReconciler.Reconcile(evidence with { Submissions = [reused, evidence.Submissions[1]] });

        Assert.Empty(Failed(report));
        Assert.Equal("1 accepted order's key(s) reused, 1 answered 422, none accepted or queued", Detail(report, ReuseRefused));
    }

    [Fact]
    public void Reconcile_KeyReusedAndTheOtherOrderAccepted_Fails()
    {
        var evidence = Evidence();
        var reused = evidence.Submissions[0] with { ReuseAnswers = [new TrialAnswer(202, First)] };

        var report = TrialReconciler.Reconcile(evidence with { Submissions = [reused, evidence.Submissions[1]] });

        Assert.Equal([ReuseRefused], Failed(report));
    }

    [Fact]
    public void Reconcile_KeyReusedAndTheOtherOrderReachedTheQueue_Fails()
    {
        var evidence = Evidence();
        var reused = evidence.Submissions[0] with { ReuseAnswers = [new TrialAnswer(422, null)] };
        var otherDigest = OrderPipeline.Contracts.OrderRequest.TryParse(OtherBody, out var other, out _) ? other.Digest() : null;

        var report = TrialReconciler.Reconcile(evidence with
        {
            Submissions = [reused, evidence.Submissions[1]],
            Sent = [.. evidence.Sent, new OrderMessageSent("OrdersQueue", "m-3", First, otherDigest)],
        });

        Assert.Equal([ReuseRefused], Failed(report));
        Assert.Contains("key-0", Detail(report, ReuseRefused), StringComparison.Ordinal);
    }

    // The first order was only ever refused (503: the producer forgot its key), so the other order sent under the key
    // later is a new order: accepted, queued and stored under the key's id, which is no failure.
    [Fact]
    public void Reconcile_RefusedOrdersKeyReusedForAnOrderThatIsAcceptedAndStored_Passes()
    {
        var evidence = Evidence();
        var otherDigest = OrderPipeline.Contracts.OrderRequest.TryParse(OtherBody, out var other, out _) ? other.Digest() : null;
        var refusedThenReused = evidence.Submissions[0] with
        {
            Answers = [new TrialAnswer(503, null), new TrialAnswer(503, null)],
            ReuseAnswers = [new TrialAnswer(202, First)],
        };

        var report = TrialReconciler.Reconcile(evidence with
        {
            Submissions = [refusedThenReused, evidence.Submissions[1]],
            Sent = [new OrderMessageSent("OrdersQueue", "m-1", First, otherDigest), evidence.Sent[1]],
        });

        Assert.Empty(Failed(report));
        Assert.Equal((2, 2), (report.Figures.Accepted, report.Figures.Stored));
    }

    [Fact]
    public void Reconcile_RefusedOrderThatReachedTheQueue_Fails()
    {
        var evidence = Evidence();
        var refused = evidence.Submissions[0] with { Answers = [new TrialAnswer(503, null)] };
        var refusedDigest = OrderPipeline.Contracts.OrderRequest.TryParse(Body, out var order, out _) ? order.Digest() : null;

        var report = TrialReconciler.Reconcile(evidence with
        {
            Submissions = [refused, evidence.Submissions[1]],
            Sent = [new OrderMessageSent("OrdersQueue", "m-1", First, refusedDigest), evidence.Sent[1]],
        });

        Assert.Contains(NothingRefusedStored, Failed(report));
    }

    [Fact]
    public void Reconcile_AnswerNamesAnotherOrderThanTheKeyDerives_Fails()
    {
        var evidence = Evidence();
        var misnamed = evidence.Submissions[0] with { Answers = [new TrialAnswer(202, First), new TrialAnswer(202, Second)] };

        var report = TrialReconciler.Reconcile(evidence with { Submissions = [misnamed, evidence.Submissions[1]] });

        Assert.Equal([Consistent], Failed(report));
        Assert.Contains("key-0", Detail(report, Consistent), StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_NotSettled_FailsNamingTheUnsettledOrders()
    {
        var report = TrialReconciler.Reconcile(Evidence() with { Settled = false, Stored = Set(First), Writes = [Write(First)] });

        Assert.Contains(Settle, Failed(report));
        Assert.Contains(Second, Detail(report, Settle), StringComparison.Ordinal);
    }

    /// <summary>Two orders, both answered 202 (the second after a 503), sent and stored once each.</summary>
    private static TrialEvidence Evidence() => new(
        [
            new TrialSubmission(Order(0, First), [new TrialAnswer(202, First)], false, 0, []),
            new TrialSubmission(Order(1, Second), [new TrialAnswer(503, null), new TrialAnswer(202, Second)], false, 1, []),
        ],
        [new OrderMessageSent("OrdersQueue", "m-1", First), new OrderMessageSent("OrdersQueue", "m-2", Second)],
        [Write(First), Write(Second)],
        Set(First, Second),
        [],
        [new TrialFaultCount("SQS SendMessage failed (InternalError)", 3)],
        Settled: true);

    private static readonly byte[] OtherBody =
        """{"customerId":"customer","currency":"EUR","items":[{"sku":"SKU-1","quantity":2,"unitPrice":1}]}"""u8.ToArray();

    private static readonly byte[] Body =
        """{"customerId":"customer","currency":"EUR","items":[{"sku":"SKU-1","quantity":1,"unitPrice":1}]}"""u8.ToArray();

    private static TrialOrder Order(int index, string expectedOrderId) =>
        new(index, $"key-{index}", "customer", Body, expectedOrderId, OtherBody);

    private static OrderItemWrite Write(string orderId) => new("OrdersTable", orderId, Overwrote: false);

    private static HashSet<string> Set(params string[] ids) => new(ids, StringComparer.Ordinal);

    private static List<string> Failed(TrialReport report) =>
        [.. report.Checks.Where(check => !check.Passed).Select(check => check.Name)];

    private static string Detail(TrialReport report, string name) => report.Checks.Single(check => check.Name == name).Detail;
}

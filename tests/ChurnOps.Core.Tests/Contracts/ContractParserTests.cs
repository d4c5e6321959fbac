using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Tests.Contracts;

public sealed class ContractParserTests
{
    [Theory]
    [InlineData("orders.odcs.yaml", "odcs")]
    [InlineData("customers.odcs.yaml", "odcs")]
    [InlineData("payments.odcs.yaml", "odcs")]
    [InlineData("sensors.odcs.yaml", "odcs")]
    [InlineData("minimal.odcs.yaml", "odcs")]
    [InlineData("orders.dcs.yaml", "dcs")]
    [InlineData("usage.dcs.yaml", "dcs")]
    [InlineData("full.odcs.yaml", "odcs")]
    [InlineData("full.dcs.yaml", "dcs")]
    [InlineData("no-tables.odcs.yaml", "odcs")]
    public void Parse_ExampleContract_SucceedsWithoutErrors(string file, string standard)
    {
        var result = ExampleContracts.Parse(file);

        Assert.True(result.Succeeded, string.Join("; ", result.Issues));
        Assert.Empty(result.Errors);
        Assert.Equal(standard, result.Contract!.Standard);
    }

    [Fact]
    public void Parse_OdcsFullContract_MapsEveryFieldKind()
    {
        var contract = ExampleContracts.Load("orders.odcs.yaml");

        Assert.Equal(("53581432-6c55-4ba2-a65f-72344a91553a", "2.1.0", "active", "sales"), (contract.Id, contract.Version, contract.Status, contract.Domain));
        Assert.Equal("Orders and their lines as placed in the web shop.", contract.Description);
        Assert.Equal(["checkout-team"], contract.Producers);
        Assert.Equal(["mlops-team"], contract.Consumers);
        Assert.Equal("#checkout-data", Assert.Single(contract.Support).Channel);
        Assert.Equal(2, contract.Schema.Count);

        var orders = contract.FindSchema("orders")!;
        Assert.Equal(3, orders.Quality.Count);
        Assert.Equal(new QualityComparison("mustBeGreaterThan", 0), orders.Quality[0].Comparison);
        Assert.Equal(("sql", "SELECT COUNT(*) FROM {object} WHERE order_ts > now()"), (orders.Quality[1].Type, orders.Quality[1].Query));
        Assert.Equal("text", orders.Quality[2].Type);

        var id = orders.FindProperty("order_id")!;
        Assert.True(id.Required && id.Unique && id.PrimaryKey);
        Assert.Equal(("^O-[0-9]{8}$", 10, 10, "public"), (id.Pattern, id.MinLength, id.MaxLength, id.Classification));
        Assert.Equal(["placed", "paid", "shipped", "cancelled"], orders.FindProperty("status")!.ValidValues);
        var amount = orders.FindProperty("amount")!;
        Assert.Equal((0d, 100000d), (amount.Minimum, amount.ExclusiveMaximum));
        Assert.Equal("DECIMAL(12,2)", ContractTypes.WarehouseType(amount));
        var discount = orders.FindProperty("discount")!;
        Assert.Equal(("nullValues", "percent"), (discount.Quality[0].Rule, discount.Quality[0].Unit));
        Assert.Equal(new QualityComparison("mustBeLessThan", 10), discount.Quality[0].Comparison);

        var lines = contract.FindSchema("order_lines")!;
        Assert.Equal(["order_id", "line_no"], lines.PrimaryKey.Select(p => p.Name));

        Assert.Equal(TimeSpan.FromHours(24), contract.FindSla("freshness")!.Duration);
        Assert.Equal("orders.order_ts", contract.FindSla("freshness")!.Element);
        Assert.Equal(99, contract.FindSla("completeness")!.NumericValue);
        Assert.Equal(TimeSpan.FromDays(730), contract.FindSla("retention")!.Duration);
        Assert.Equal("2 weeks notice; consumer sign-off for breaking changes", contract.CustomProperties["changeProcess"]);
    }

    [Fact]
    public void Parse_UnknownFields_AreKeptAsExtensions()
    {
        var contract = ExampleContracts.Load("orders.odcs.yaml");

        Assert.Equal("ClimateQuantumInc", contract.Extensions["tenant"]);
        Assert.Equal(new List<object?> { "sales", "finance" }, contract.Extensions["tags"]);
        var server = Assert.IsType<List<object?>>(contract.Extensions["servers"]);
        Assert.Equal("db.example.com", Assert.IsType<Dictionary<string, object?>>(server[0])["host"]);
        Assert.True(contract.Extensions.ContainsKey("price"));
        Assert.Equal("Customer orders", contract.Extensions["schema[0].businessName"]);
        Assert.Equal("true", contract.Extensions["schema[0].properties[1].criticalDataElement"]);
        Assert.Equal("Orders older than 2 years are archived.", contract.Extensions["description.limitations"]);
    }

    [Fact]
    public void Parse_Odcs30BooleanExclusiveBounds_UseTheInclusiveValueAsExclusive()
    {
        var payments = ExampleContracts.Load("payments.odcs.yaml").Schema[0];

        var amount = payments.FindProperty("amount")!;
        Assert.Equal(0d, amount.ExclusiveMinimum);
        Assert.Null(amount.ExclusiveMaximum);
        Assert.Equal("DECIMAL(10,2)", ContractTypes.WarehouseType(amount));
        Assert.Equal("TIMESTAMPTZ", ContractTypes.WarehouseType(payments.FindProperty("paid_at")!));
        Assert.Equal(["customer_id", "paid_at"], payments.PrimaryKey.Select(p => p.Name));
        Assert.Equal(["card", "bank-transfer", "wallet"], payments.FindProperty("method")!.ValidValues);
        Assert.Equal(["billing-team"], ExampleContracts.Load("payments.odcs.yaml").Producers);
    }

    [Fact]
    public void Parse_Odcs31TeamObjectAndMetric_AreRead()
    {
        var contract = ExampleContracts.Load("sensors.odcs.yaml");

        Assert.Equal(["iot-platform"], contract.Producers);
        var readings = contract.FindSchema("sensor_readings")!;
        Assert.Equal("readings", readings.Name);
        Assert.Equal("nullValues", readings.FindProperty("temperature")!.Quality[0].Rule);
        Assert.Equal(["C", "F"], readings.FindProperty("unit")!.ValidValues);
        Assert.Equal(TimeSpan.FromMinutes(15), contract.FindSla("freshness")!.Duration);
        Assert.Equal("BIGINT", ContractTypes.WarehouseType(new ContractProperty { Name = "x", LogicalType = "integer" }));
    }

    [Fact]
    public void Parse_DataContractSpecification_MapsToTheSameModel()
    {
        var contract = ExampleContracts.Load("orders.dcs.yaml");

        Assert.Equal(("urn:datacontract:checkout:orders-latest", "Orders Latest", "2.0.0", "1.1.0"), (contract.Id, contract.Name, contract.Version, contract.ApiVersion));
        Assert.Equal(["checkout-team"], contract.Producers);
        Assert.Equal("checkout@example.com", Assert.Single(contract.Support).Channel);
        var orders = contract.FindSchema("orders")!;
        var id = orders.FindProperty("order_id")!;
        Assert.True(id.Required && id.Unique && id.PrimaryKey);
        Assert.Equal(("string", "VARCHAR", "uuid"), (id.LogicalType, id.PhysicalType, id.Format));
        var total = orders.FindProperty("order_total")!;
        Assert.Equal(("integer", "BIGINT", 0d, 100000000d), (total.LogicalType, total.PhysicalType, total.Minimum, total.Maximum));
        Assert.Equal(("^[^@]+@[^@]+$", 320, "sensitive"), (orders.FindProperty("customer_email")!.Pattern, orders.FindProperty("customer_email")!.MaxLength, orders.FindProperty("customer_email")!.Classification));
        Assert.Equal(["web", "app", "store"], orders.FindProperty("channel")!.ValidValues);
        Assert.Equal("sql", Assert.Single(orders.Quality).Type);
        Assert.Equal(["order_id", "line_no"], contract.FindSchema("line_items")!.PrimaryKey.Select(p => p.Name));
        Assert.Equal(0d, contract.FindSchema("line_items")!.FindProperty("price")!.ExclusiveMinimum);

        Assert.Equal(TimeSpan.FromHours(25), contract.FindSla("freshness")!.Duration);
        Assert.Equal("orders.order_timestamp", contract.FindSla("freshness")!.Element);
        Assert.Equal(99.9, contract.FindSla("availability")!.NumericValue);
        Assert.Equal(TimeSpan.FromDays(365), contract.FindSla("retention")!.Duration);
        Assert.Equal("0 0 * * *", contract.FindSla("frequency")!.Value);
        Assert.True(contract.Extensions.ContainsKey("servers"));
        Assert.True(contract.Extensions.ContainsKey("terms"));
        Assert.True(contract.Extensions.ContainsKey("servicelevels.support"));
    }

    [Fact]
    public void Parse_DcsPrimaryFlagAndTypes_AreMapped()
    {
        var events = ExampleContracts.Load("usage.dcs.yaml").Schema[0];

        Assert.True(events.FindProperty("event_id")!.PrimaryKey);
        Assert.Equal("TIMESTAMP", events.FindProperty("event_ts")!.PhysicalType);
        Assert.Equal("DOUBLE", events.FindProperty("duration_seconds")!.PhysicalType);
        Assert.Equal("boolean", events.FindProperty("is_mobile")!.LogicalType);
        Assert.Equal(TimeSpan.FromDays(1), ExampleContracts.Load("usage.dcs.yaml").FindSla("freshness")!.Duration);
    }

    [Fact]
    public void Parse_FullOdcsExample_MapsEverySectionChurnOpsUses()
    {
        var contract = ExampleContracts.Load("full.odcs.yaml");

        Assert.Equal(["subscriptions", "usage_events"], contract.Schema.Select(s => s.Name));
        Assert.Empty(contract.FindSchema("usage_events")!.Properties);
        var subscriptions = contract.FindSchema("subscriptions")!;
        Assert.Equal(["line_id", "snapshot_date"], subscriptions.PrimaryKey.Select(p => p.Name));
        var snapshot = subscriptions.FindProperty("snapshot_date")!;
        Assert.Equal(("date", (double?)null), (snapshot.LogicalType, snapshot.Minimum));
        Assert.Equal((10000d, 10000d), (subscriptions.FindProperty("monthly_charges")!.Maximum, subscriptions.FindProperty("monthly_charges")!.ExclusiveMaximum));
        Assert.Equal(["MONTHLY", "ONE_YEAR", "TWO_YEAR"], subscriptions.FindProperty("contract_type")!.ValidValues);
        Assert.Equal(["library", "sql", "text", "custom"], subscriptions.Quality.Select(q => q.Type));
        Assert.Equal(TimeSpan.FromDays(5 * 365), contract.FindSla("retention")!.Duration);
        Assert.Equal(TimeSpan.FromDays(2), contract.FindSla("latency")!.Duration);
        Assert.Null(contract.FindSla("endOfSupport"));
        Assert.Equal(["ksandberg"], contract.Producers);
        Assert.Equal(2, contract.Support.Count);
        Assert.Equal("4711", contract.CustomProperties["costCenter"]);
    }

    [Fact]
    public void Parse_FullDcsExample_MapsEveryFieldType()
    {
        var contract = ExampleContracts.Load("full.dcs.yaml");

        var usage = contract.FindSchema("daily_usage")!;
        Assert.Equal("TIME", usage.FindProperty("first_call_at")!.PhysicalType);
        Assert.Equal("TIMESTAMPTZ", usage.FindProperty("last_seen")!.PhysicalType);
        Assert.Equal(("string", "VARCHAR"), (usage.FindProperty("raw_cdr")!.LogicalType, usage.FindProperty("raw_cdr")!.PhysicalType));
        Assert.Equal(("object", "VARCHAR"), (usage.FindProperty("counters")!.LogicalType, usage.FindProperty("counters")!.PhysicalType));
        Assert.Equal(["line_id", "usage_date"], usage.PrimaryKey.Select(p => p.Name));
        Assert.Empty(contract.FindSchema("usage_events")!.Properties);
        Assert.Equal(TimeSpan.FromDays(730), contract.FindSla("retention")!.Duration);
        Assert.Equal(99.5, contract.FindSla("availability")!.NumericValue);
    }
}

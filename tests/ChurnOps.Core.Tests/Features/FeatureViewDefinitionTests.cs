using ChurnOps.Core.Features;

namespace ChurnOps.Core.Tests.Features;

public sealed class FeatureViewDefinitionTests
{
    private static FeatureViewDefinition View(string sql = "SELECT customer_id, event_timestamp, a FROM t", string ttl = "30d", params string[] features) =>
        new("customer_features", "customer_id", "event_timestamp", null, FeatureTtlOf(ttl), "owner", "about", "features/x.sql",
            (features.Length == 0 ? ["a"] : features).Select(f => new FeatureDefinition(f, null)).ToArray(), sql);

    private static TimeSpan FeatureTtlOf(string text) => FeatureTtl.TryParse(text, out var ttl, out _) ? ttl : TimeSpan.Zero;

    [Theory]
    [InlineData("45s", 45)]
    [InlineData("90m", 5400)]
    [InlineData("12h", 43200)]
    [InlineData("30d", 2592000)]
    [InlineData("2w", 1209600)]
    public void TryParse_ValidTtl_ReturnsSeconds(string text, int seconds)
    {
        Assert.True(FeatureTtl.TryParse(text, out var ttl, out var error));
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), ttl);
        Assert.Equal(ttl, FeatureTtlOf(FeatureTtl.Format(ttl)));
    }

    [Theory]
    [InlineData("0d", "'0d' must be greater than zero")]
    [InlineData("", "is required (e.g. 30d, 12h)")]
    [InlineData("30", "'30' needs a unit: s, m, h, d or w")]
    [InlineData("30y", "'30y' has unknown unit 'y' (use s, m, h, d or w)")]
    [InlineData("-1d", "'-1d' is not a number followed by s, m, h, d or w")]
    [InlineData("d", "'d' is not a number followed by s, m, h, d or w")]
    public void TryParse_BadTtl_PreciseError(string text, string message)
    {
        Assert.False(FeatureTtl.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Validate_ZeroTtlAndFeatureNamedLikeEntity_ReportsBoth()
    {
        var view = View() with { Ttl = TimeSpan.Zero, Features = [new FeatureDefinition("customer_id", null), new FeatureDefinition("a-b", null)] };

        var errors = FeatureViewValidator.Validate(view);

        Assert.Equal(
            ["ttl: must be greater than zero", "features[0].name: 'customer_id' is the entity or a timestamp column, not a feature", "features[1].name: 'a-b' must be letters, digits and underscores"],
            errors);
    }

    [Fact]
    public void Validate_GoodView_NoErrors() => Assert.Empty(FeatureViewValidator.Validate(View()));

    [Fact]
    public void VersionOf_WhitespaceAndDocsChange_SameVersion()
    {
        var a = View("SELECT customer_id,\n   event_timestamp, a FROM t;");
        var b = View("  SELECT customer_id, event_timestamp,\ta FROM t  ") with { Owner = "someone else", Description = "new words" };

        Assert.Equal(FeatureViewVersioning.VersionOf(a), FeatureViewVersioning.VersionOf(b));
        Assert.Equal(16, FeatureViewVersioning.VersionOf(a).Length);
    }

    [Fact]
    public void VersionOf_SqlTtlOrFeaturesChange_NewVersion()
    {
        var baseline = FeatureViewVersioning.VersionOf(View());

        Assert.NotEqual(baseline, FeatureViewVersioning.VersionOf(View("SELECT customer_id, event_timestamp, a FROM t WHERE a > 0")));
        Assert.NotEqual(baseline, FeatureViewVersioning.VersionOf(View(ttl: "1d")));
        Assert.NotEqual(baseline, FeatureViewVersioning.VersionOf(View(features: ["a", "b"])));
    }

    [Fact]
    public void BreakingChanges_RemovedFeatureAndNewSql_ListsBoth()
    {
        var before = View(features: ["a", "b"]);
        var after = View("SELECT 1", features: ["a"]);

        Assert.Equal(["features removed: b", "SQL changed"], FeatureViewVersioning.BreakingChanges(before, after));
    }

    [Fact]
    public void BreakingChanges_TtlAndAddedFeatureOnly_None()
    {
        var before = View(features: ["a"]);
        var after = View(ttl: "1d", features: ["a", "b"]);

        Assert.Empty(FeatureViewVersioning.BreakingChanges(before, after));
    }

    [Fact]
    public void VersionOf_TypesDeclared_NewVersion_UndeclaredKeepsTheVersionFromBeforeTypes()
    {
        var undeclared = View();
        var declared = View() with { Features = [new FeatureDefinition("a", null, "DOUBLE")] };
        var decimalType = View() with { Features = [new FeatureDefinition("a", null, "DECIMAL(12,2)")] };

        // The version a view without declared types had before types existed (its canonical text has no types line).
        Assert.Equal("2b0c08d232fa2984", FeatureViewVersioning.VersionOf(undeclared));
        Assert.NotEqual(FeatureViewVersioning.VersionOf(undeclared), FeatureViewVersioning.VersionOf(declared));
        Assert.NotEqual(FeatureViewVersioning.VersionOf(declared), FeatureViewVersioning.VersionOf(decimalType));
        Assert.Equal(["feature 'a' stored as DECIMAL(12,2) instead of DOUBLE"], FeatureViewVersioning.BreakingChanges(declared, decimalType));
        Assert.Equal(["feature 'a' stored as DOUBLE instead of the SQL's type"], FeatureViewVersioning.BreakingChanges(undeclared, declared));
    }

    [Theory]
    [InlineData("number", null, "DOUBLE")]
    [InlineData("integer", null, "BIGINT")]
    [InlineData("integer", "int", "INTEGER")]
    [InlineData("number", "numeric(12, 2)", "DECIMAL(12,2)")]
    [InlineData(null, "DECIMAL(10)", "DECIMAL(10,0)")]
    [InlineData("integer", "DECIMAL(10,0)", "DECIMAL(10,0)")]
    [InlineData("string", null, "VARCHAR")]
    [InlineData(null, "float8", "DOUBLE")]
    public void Resolve_DeclaredTypes_CanonicalWarehouseType(string? logical, string? physical, string expected)
    {
        var (type, error) = FeatureStorageType.Resolve(logical, physical);

        Assert.Null(error);
        Assert.Equal(expected, type);
    }

    [Fact]
    public void Resolve_NothingDeclared_NoType() => Assert.Equal((null, null), FeatureStorageType.Resolve(null, " "));

    [Theory]
    [InlineData("array", null, "logical_type 'array' is not one of string, integer, number, boolean, date, timestamp, time")]
    [InlineData("integer", "DECIMAL(10,2)", "physical_type DECIMAL(10,2) does not hold logical_type integer")]
    [InlineData("number", "VARCHAR", "physical_type VARCHAR does not hold logical_type number")]
    [InlineData(null, "DECIMAL(99999999999,2)", "physical_type 'DECIMAL(99999999999,2)' needs 1 <= precision <= 38 and scale <= precision")]
    [InlineData(null, "DECIMAL(4,6)", "physical_type 'DECIMAL(4,6)' needs 1 <= precision <= 38 and scale <= precision")]
    public void Resolve_BadDeclaration_PreciseError(string? logical, string? physical, string message)
    {
        var (type, error) = FeatureStorageType.Resolve(logical, physical);

        Assert.Null(type);
        Assert.Equal(message, error);
    }
}

using ChurnOps.Core.Data;

namespace ChurnOps.Core.Tests.Data;

public sealed class TabularDataTests
{
    [Fact]
    public void Constructor_ColumnsOfUnequalLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TabularData([
            TabularColumn.Numeric("a", [1, 2]),
            TabularColumn.Text("b", ["x"]),
        ]));
        Assert.Contains("'b' has 1 rows, expected 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Take_PicksRowsInOrder_ForEveryColumn()
    {
        var data = new TabularData([TabularColumn.Numeric("n", [10, 20, 30]), TabularColumn.Text("t", ["a", null, "c"])]);

        var taken = data.Take([2, 0]);

        Assert.Equal([30, 10], taken["n"].Numbers!);
        Assert.Equal(new string?[] { "c", "a" }, taken["T"].Texts!.AsEnumerable());
        Assert.True(data["t"].IsMissing(1));
    }
}

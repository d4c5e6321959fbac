using ChurnOps.Core.Contracts;
using ChurnOps.Core.Quality;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Quality;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Quality;

public sealed class ContractExpectationsTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task ContractSuite_OnIngestedStaging_PassesAndATightenedContractFails()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1, age: "30"), TestProject.Customer(2, age: "60"), TestProject.Customer(3, age: "")));
        Assert.True((await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct)).Succeeded);
        var contract = (await ContractParser.ParseFileAsync(Path.Combine(project.Root, "contracts", "customers.yaml"), Ct)).Contract!;
        var schema = contract.Schema[0];
        var runner = new ExpectationRunner(project.Workspace.Warehouse);

        var passing = await runner.RunAsync(contract.Id, "staging", "customers", ContractExpectations.For(contract, schema), Ct);
        var tightened = schema with { Properties = schema.Properties.Select(p => p.Name == "age" ? p with { Maximum = 50 } : p).ToList() };
        var failing = await runner.RunAsync(contract.Id, "staging", "customers", ContractExpectations.For(contract, tightened), Ct);

        Assert.True(passing.Success, string.Join("; ", passing.Results.Where(r => !r.Success).Select(r => r.Expectation + " " + r.ExceptionMessage)));
        Assert.Contains(passing.Results, r => r.Expectation.Type == ExpectationType.Unique && r.Expectation.Column == "customer_id");
        Assert.Contains(passing.Results, r => r.Expectation.Type == ExpectationType.RowCountBetween && r.Success);
        var between = Assert.Single(failing.Results, r => r.Expectation.Type == ExpectationType.Between && r.Expectation.Column == "age");
        Assert.False(between.Success);
        Assert.Equal((3L, 1L, 1L, 50.0), (between.ElementCount!.Value, between.MissingCount!.Value, between.UnexpectedCount!.Value, between.UnexpectedPercent!.Value));
        Assert.Equal([60.0], between.PartialUnexpectedList!);
        Assert.Equal(1, failing.Statistics.Unsuccessful);
    }
}

using ChurnOps.Core.Data;

namespace ChurnOps.Testing;

/// <summary>
/// Seeded synthetic tables shaped like public churn datasets (no downloads): IBM Telco (21 columns, blank TotalCharges
/// for new customers, Yes/No label) and bank churn (14 columns, 0/1 label, a high-cardinality surname), plus a small table
/// with every column kind. The label follows a known logistic signal so tests can check that training learns it.
/// </summary>
internal static class ChurnShapedTables
{
    private static readonly string[] Contracts = ["Month-to-month", "One year", "Two year"];
    private static readonly string[] Internet = ["DSL", "Fiber optic", "No"];
    private static readonly string[] Payments = ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"];
    private static readonly string[] Geographies = ["France", "Spain", "Germany"];

    /// <summary>Every column kind: numbers with gaps, a boolean, a timestamp, a category, an id and a Yes/No label.</summary>
    public static TabularData Mixed(int rows, int seed)
    {
        var random = new Random(seed);
        var id = new string?[rows];
        var tenure = new double[rows];
        var monthly = new double[rows];
        var partner = new double[rows];
        var signup = new double[rows];
        var contract = new string?[rows];
        var churned = new string?[rows];
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var i = 0; i < rows; i++)
        {
            id[i] = "C" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var t = random.Next(0, 72);
            tenure[i] = random.NextDouble() < 0.05 ? double.NaN : t;
            monthly[i] = Math.Round(20 + (random.NextDouble() * 100), 2);
            partner[i] = random.NextDouble() < 0.5 ? 1 : 0;
            signup[i] = now - (t * 30.0 * 86_400);
            var c = random.Next(3);
            contract[i] = random.NextDouble() < 0.02 ? null : Contracts[c];
            var logit = -1.0 + (c == 0 ? 1.6 : c == 1 ? 0 : -1.2) - (0.04 * t) + (0.015 * (monthly[i] - 70)) - (0.4 * partner[i]);
            churned[i] = random.NextDouble() < Sigmoid(logit) ? "Yes" : "No";
        }

        return new TabularData(
        [
            TabularColumn.Text("customer_id", id),
            TabularColumn.Numeric("tenure", tenure),
            TabularColumn.Numeric("monthly_charges", monthly),
            TabularColumn.Numeric("has_partner", partner, ColumnKind.Boolean),
            TabularColumn.Numeric("signup_at", signup, ColumnKind.Timestamp),
            TabularColumn.Text("contract", contract),
            TabularColumn.Text("churned", churned),
        ]);
    }

    /// <summary>IBM Telco customer churn: 21 columns, TotalCharges blank when tenure is 0, label "Churn" Yes/No.</summary>
    public static TabularData TelcoShaped(int rows, int seed)
    {
        var random = new Random(seed);
        string[] names =
        [
            "customerID", "gender", "Partner", "Dependents", "PhoneService", "MultipleLines", "InternetService", "OnlineSecurity",
            "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod",
        ];
        var texts = names.ToDictionary(n => n, _ => new string?[rows]);
        var senior = new double[rows];
        var tenure = new double[rows];
        var monthly = new double[rows];
        var total = new double[rows];
        var churn = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            texts["customerID"][i] = $"{random.Next(1000, 9999)}-{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{i:D5}";
            texts["gender"][i] = random.Next(2) == 0 ? "Male" : "Female";
            senior[i] = random.NextDouble() < 0.16 ? 1 : 0;
            texts["Partner"][i] = YesNo(random, 0.48);
            texts["Dependents"][i] = YesNo(random, 0.3);
            var t = random.NextDouble() < 0.02 ? 0 : random.Next(1, 73);
            tenure[i] = t;
            var phone = random.NextDouble() < 0.9;
            texts["PhoneService"][i] = phone ? "Yes" : "No";
            texts["MultipleLines"][i] = phone ? YesNo(random, 0.42) : "No phone service";
            var internet = random.Next(3);
            texts["InternetService"][i] = Internet[internet];
            foreach (var addon in new[] { "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies" })
            {
                texts[addon][i] = internet == 2 ? "No internet service" : YesNo(random, 0.4);
            }

            var contract = random.NextDouble() switch { < 0.55 => 0, < 0.76 => 1, _ => 2 };
            texts["Contract"][i] = Contracts[contract];
            texts["PaperlessBilling"][i] = YesNo(random, 0.59);
            var payment = random.Next(4);
            texts["PaymentMethod"][i] = Payments[payment];
            monthly[i] = Math.Round(18 + (internet == 1 ? 50 : internet == 0 ? 25 : 0) + (random.NextDouble() * 30), 2);
            total[i] = t == 0 ? double.NaN : Math.Round(monthly[i] * t * (0.9 + (random.NextDouble() * 0.2)), 2);
            var logit = -1.2 + (contract == 0 ? 1.5 : contract == 1 ? 0 : -1.5) - (0.035 * t) + (internet == 1 ? 0.7 : 0)
                + (payment == 0 ? 0.5 : 0) + (0.3 * senior[i]) + (texts["TechSupport"][i] == "Yes" ? -0.5 : 0);
            churn[i] = random.NextDouble() < Sigmoid(logit) ? "Yes" : "No";
        }

        var columns = new List<TabularColumn>
        {
            TabularColumn.Text("customerID", texts["customerID"]),
            TabularColumn.Text("gender", texts["gender"]),
            TabularColumn.Numeric("SeniorCitizen", senior),
            TabularColumn.Text("Partner", texts["Partner"]),
            TabularColumn.Text("Dependents", texts["Dependents"]),
            TabularColumn.Numeric("tenure", tenure),
        };
        columns.AddRange(names.Skip(4).Select(n => TabularColumn.Text(n, texts[n])));
        columns.Add(TabularColumn.Numeric("MonthlyCharges", monthly));
        columns.Add(TabularColumn.Numeric("TotalCharges", total));
        columns.Add(TabularColumn.Text("Churn", churn));
        return new TabularData(columns);
    }

    /// <summary>Bank customer churn: 14 columns (row number, id, surname, credit score, geography, …), label "Exited" 0/1.</summary>
    public static TabularData BankChurnShaped(int rows, int seed)
    {
        var random = new Random(seed);
        var rowNumber = new double[rows];
        var customerId = new double[rows];
        var surname = new string?[rows];
        var credit = new double[rows];
        var geography = new string?[rows];
        var gender = new string?[rows];
        var age = new double[rows];
        var tenure = new double[rows];
        var balance = new double[rows];
        var products = new double[rows];
        var card = new double[rows];
        var active = new double[rows];
        var salary = new double[rows];
        var exited = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            rowNumber[i] = i + 1;
            customerId[i] = 15_600_000 + random.Next(0, 200_000);
            surname[i] = "S" + random.Next(0, 2_900).ToString(System.Globalization.CultureInfo.InvariantCulture);
            credit[i] = Math.Clamp(Math.Round(650 + (Gaussian(random) * 96)), 350, 850);
            var geo = random.NextDouble() switch { < 0.5 => 0, < 0.75 => 1, _ => 2 };
            geography[i] = Geographies[geo];
            gender[i] = random.NextDouble() < 0.55 ? "Male" : "Female";
            age[i] = Math.Clamp(Math.Round(39 + (Gaussian(random) * 10)), 18, 92);
            tenure[i] = random.Next(0, 11);
            balance[i] = random.NextDouble() < 0.36 ? 0 : Math.Round(76_000 + (Gaussian(random) * 30_000), 2);
            products[i] = random.NextDouble() switch { < 0.5 => 1, < 0.96 => 2, < 0.99 => 3, _ => 4 };
            card[i] = random.NextDouble() < 0.7 ? 1 : 0;
            active[i] = random.NextDouble() < 0.51 ? 1 : 0;
            salary[i] = Math.Round(random.NextDouble() * 200_000, 2);
            var logit = -2.6 + (0.1 * (age[i] - 39)) + (geo == 2 ? 1.0 : 0) + (gender[i] == "Female" ? 0.5 : 0) - (1.2 * active[i])
                + (products[i] >= 3 ? 3.0 : products[i] == 2 ? -1.5 : 0) + (balance[i] > 0 ? 0.5 : 0) - (0.002 * (credit[i] - 650));
            exited[i] = random.NextDouble() < Sigmoid(logit) ? 1 : 0;
        }

        return new TabularData(
        [
            TabularColumn.Numeric("RowNumber", rowNumber),
            TabularColumn.Numeric("CustomerId", customerId),
            TabularColumn.Text("Surname", surname),
            TabularColumn.Numeric("CreditScore", credit),
            TabularColumn.Text("Geography", geography),
            TabularColumn.Text("Gender", gender),
            TabularColumn.Numeric("Age", age),
            TabularColumn.Numeric("Tenure", tenure),
            TabularColumn.Numeric("Balance", balance),
            TabularColumn.Numeric("NumOfProducts", products),
            TabularColumn.Numeric("HasCrCard", card, ColumnKind.Boolean),
            TabularColumn.Numeric("IsActiveMember", active, ColumnKind.Boolean),
            TabularColumn.Numeric("EstimatedSalary", salary),
            TabularColumn.Numeric("Exited", exited),
        ]);
    }

    private static string YesNo(Random random, double yes) => random.NextDouble() < yes ? "Yes" : "No";

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

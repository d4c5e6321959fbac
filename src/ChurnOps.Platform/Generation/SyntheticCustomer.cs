using System.Globalization;
using System.Text;

namespace ChurnOps.Platform.Generation;

internal sealed record SyntheticCustomer(
    string Id,
    DateOnly SignupDate,
    string Plan,
    string Contract,
    string Payment,
    string Region,
    double? Age,
    double MonthlyCharges,
    int SupportTickets,
    DateTimeOffset UpdatedAt,
    double Engagement,
    double ChurnProbability,
    double Dissatisfaction)
{
    public int TenureDays(DateTimeOffset asOf) => Math.Max(1, asOf.UtcDateTime.Date.Subtract(SignupDate.ToDateTime(TimeOnly.MinValue)).Days);

    public string ToCsv(StringBuilder line)
    {
        line.Clear();
        line.Append(Id).Append(',')
            .Append(SignupDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
            .Append(Plan).Append(',').Append(Contract).Append(',').Append(Payment).Append(',').Append(Region).Append(',')
            .Append(Age?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append(',')
            .Append(MonthlyCharges.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(SupportTickets.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(SyntheticChurnData.Timestamp(UpdatedAt));
        return line.ToString();
    }
}

using Microsoft.Extensions.Configuration;

namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml as a configuration source: keys are the YAML paths ("serving:max_request_bytes").</summary>
internal sealed class YamlConfigurationSource(string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new YamlConfigurationProvider(path);
}

using System.Text.RegularExpressions;
using ChurnOps.Server.Hosting;
using ChurnOps.Server.Tests.Serving;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Server.Tests.Deploy;

/// <summary>
/// deploy/ and the CI workflow checked without a container engine: the YAML parses, one image name throughout, the
/// ports and probe paths agree and are served by the real server, the server arguments parse, and the Dockerfile runs
/// the assemblies the projects build.
/// </summary>
public sealed partial class DeployManifestTests
{
    private const int Port = 8080;

    [Fact]
    public void Manifests_EveryYamlFile_ParsesAndKubernetesObjectsHaveKindAndName()
    {
        var paths = DeployFiles.YamlPaths().ToList();
        Assert.Contains(paths, p => p.EndsWith("compose.yaml", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("ci.yml", StringComparison.Ordinal));
        foreach (var path in paths)
        {
            Assert.NotEmpty(DeployFiles.Documents(path));
        }

        var kinds = DeployFiles.KubernetesObjects().Select(o => $"{DeployFiles.Text(o, "apiVersion")} {DeployFiles.Text(o, "kind")}").ToHashSet();
        Assert.Equal(
            ["apps/v1 Deployment", "apps/v1 StatefulSet", "autoscaling/v2 HorizontalPodAutoscaler", "batch/v1 Job", "v1 PersistentVolumeClaim", "v1 Service"],
            kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Manifests_Images_AreTheOneRepositoryCiPublishes()
    {
        var ci = DeployFiles.Documents(Path.Combine(DeployFiles.Root, ".github", "workflows", "ci.yml"))[0];
        var image = DeployFiles.Text(DeployFiles.Map(ci, "env"), "IMAGE")!;
        var workloads = DeployFiles.KubernetesObjects().Where(o => DeployFiles.Text(o, "kind") is "Deployment" or "StatefulSet" or "Job").ToList();
        Assert.Equal(3, workloads.Count);
        foreach (var container in workloads.SelectMany(DeployFiles.Containers))
        {
            Assert.Equal(image, DeployFiles.Repository(DeployFiles.Text(container, "image")!));
        }

        var compose = DeployFiles.Documents(Path.Combine(DeployFiles.Root, "deploy", "compose.yaml"))[0];
        var server = DeployFiles.Map(DeployFiles.Map(compose, "services"), "server");
        Assert.Equal(image, DeployFiles.Repository(DeployFiles.Text(server, "image")!));
        Assert.Equal("deploy/Dockerfile", DeployFiles.Text(DeployFiles.Map(server, "build"), "dockerfile"));
        Assert.Contains($"-t {image}:", DeployFiles.Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifests_PortsProbesAndServiceTarget_AgreeWithTheServerArguments()
    {
        var container = DeployFiles.Containers(DeployFiles.Object("StatefulSet", "churnops-server")).Single();
        var (arguments, error) = ServerArguments.Parse(DeployFiles.Strings(container, "args"));
        Assert.True(arguments is not null, error);
        Assert.Equal(("/project", Port, "0.0.0.0", true), (arguments.Project, arguments.Port, arguments.Host, arguments.Insecure));
        Assert.Null(ChurnOps.Server.Security.ServerExposure.Refusal(arguments.Host, arguments.Insecure));
        Assert.Equal(["dotnet", "/app/server/ChurnOps.Server.dll"], DeployFiles.Strings(container, "command"));
        Assert.Equal(Port.ToString(System.Globalization.CultureInfo.InvariantCulture), DeployFiles.Text((YamlMappingNode)DeployFiles.Seq(container, "ports")[0], "containerPort"));
        Assert.Equal("/v2/health/ready", ProbePath(container, "readinessProbe", out var readyPort));
        Assert.Equal("/v2/health/live", ProbePath(container, "livenessProbe", out var livePort));
        Assert.Equal((Port, Port), (readyPort, livePort));

        var service = DeployFiles.Object("Service", "churnops-server");
        var target = DeployFiles.Text((YamlMappingNode)DeployFiles.Seq(DeployFiles.Map(service, "spec"), "ports")[0], "targetPort");
        Assert.Equal(Port.ToString(System.Globalization.CultureInfo.InvariantCulture), target);
        var selector = DeployFiles.Map(DeployFiles.Map(service, "spec"), "selector");
        var labels = DeployFiles.Map(DeployFiles.Map(DeployFiles.Map(DeployFiles.Map(DeployFiles.Object("StatefulSet", "churnops-server"), "spec"), "template"), "metadata"), "labels");
        Assert.All(selector.Children, pair => Assert.Equal(((YamlScalarNode)pair.Value).Value, DeployFiles.Text(labels, ((YamlScalarNode)pair.Key).Value!)));

        var hpa = DeployFiles.Map(DeployFiles.Object("HorizontalPodAutoscaler", "churnops-server"), "spec");
        Assert.Equal("churnops-server", DeployFiles.Text(DeployFiles.Map(hpa, "scaleTargetRef"), "name"));
        var metric = (YamlMappingNode)DeployFiles.Seq(hpa, "metrics")[0];
        Assert.Equal(("Pods", "churnops_serving_requests"), (DeployFiles.Text(metric, "type"), DeployFiles.Text(DeployFiles.Map(DeployFiles.Map(metric, "pods"), "metric"), "name")));
    }

    [Fact]
    public void Server_PredictionJournal_OnAClaimPerReplicaThatAReplacementPodMountsAgain()
    {
        // A killed replica's acknowledged-but-unwritten predictions sit in its .churnops/ journal; a claim from the
        // StatefulSet's template outlives the pod, and the replacement of the same ordinal mounts it and replays them.
        var server = DeployFiles.Object("StatefulSet", "churnops-server");
        var spec = DeployFiles.Map(server, "spec");
        var mounts = DeployFiles.Seq(DeployFiles.Containers(server).Single(), "volumeMounts").Cast<YamlMappingNode>().ToDictionary(m => DeployFiles.Text(m, "name")!, m => DeployFiles.Text(m, "mountPath"));
        Assert.Equal("/project/.churnops", mounts["state"]);
        Assert.Equal("/project", mounts["project"]);
        var podVolumes = DeployFiles.Seq(DeployFiles.Map(DeployFiles.Map(spec, "template"), "spec"), "volumes").Cast<YamlMappingNode>().Select(v => DeployFiles.Text(v, "name")).ToList();
        Assert.DoesNotContain("state", podVolumes);
        var claim = DeployFiles.Seq(spec, "volumeClaimTemplates").Cast<YamlMappingNode>().Single(t => DeployFiles.Text(DeployFiles.Map(t, "metadata"), "name") == "state");
        Assert.Equal(["ReadWriteOnce"], DeployFiles.Strings(DeployFiles.Map(claim, "spec"), "accessModes"));
        Assert.NotNull(DeployFiles.Text(DeployFiles.Map(DeployFiles.Map(DeployFiles.Map(claim, "spec"), "resources"), "requests"), "storage"));
        Assert.Equal("churnops-server", DeployFiles.Text(DeployFiles.Map(DeployFiles.Object("Service", DeployFiles.Text(spec, "serviceName")!), "metadata"), "name"));
        var target = DeployFiles.Map(DeployFiles.Map(DeployFiles.Object("HorizontalPodAutoscaler", "churnops-server"), "spec"), "scaleTargetRef");
        Assert.Equal(("StatefulSet", "churnops-server"), (DeployFiles.Text(target, "kind"), DeployFiles.Text(target, "name")));
    }

    [Fact]
    public void Dockerfile_EntryPointAndCopies_NameTheAssembliesTheProjectsBuild()
    {
        var dockerfile = DeployFiles.Dockerfile;
        var published = PublishLine().Matches(dockerfile).ToDictionary(m => m.Groups["out"].Value, m => m.Groups["project"].Value, StringComparer.Ordinal);
        Assert.Equal(["/out/cli", "/out/server"], published.Keys.Order(StringComparer.Ordinal));
        var copies = CopyFromBuild().Matches(dockerfile).ToDictionary(m => m.Groups["to"].Value, m => m.Groups["from"].Value, StringComparer.Ordinal);
        Assert.Equal("/out/server", copies["/app/server"]);
        Assert.Equal("/out/cli", copies["/app/cli"]);
        Assert.All(published.Values, project => Assert.True(File.Exists(Path.Combine(DeployFiles.Root, project)), project));
        Assert.All(CopyProject().Matches(dockerfile), m => Assert.True(File.Exists(Path.Combine(DeployFiles.Root, m.Groups["project"].Value)), m.Value));

        var entry = EntryPoint().Match(dockerfile);
        Assert.True(entry.Success, "no exec-form ENTRYPOINT");
        var words = entry.Groups["words"].Value.Split(',').Select(w => w.Trim().Trim('"')).ToList();
        Assert.Equal("dotnet", words[0]);
        Assert.Equal($"/app/server/{DeployFiles.AssemblyName(published["/out/server"])}.dll", words[1]);
        var (arguments, error) = ServerArguments.Parse(words.Skip(2).ToList());
        Assert.True(arguments is not null, error);
        Assert.Equal(("/project", Port, "0.0.0.0", true), (arguments.Project, arguments.Port, arguments.Host, arguments.Insecure));
        Assert.Null(ChurnOps.Server.Security.ServerExposure.Refusal(arguments.Host, arguments.Insecure));
        Assert.Contains($"EXPOSE {Port}", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER \$APP_UID$", dockerfile);
        Assert.DoesNotMatch("(?m)^HEALTHCHECK", dockerfile);

        // The scoring Job and the scheduler run the CLI's apphost, named after its assembly.
        var cli = $"/app/cli/{DeployFiles.AssemblyName(published["/out/cli"])}";
        foreach (var name in new[] { ("Job", "churnops-score"), ("Deployment", "churnops-scheduler") })
        {
            Assert.Equal([cli], DeployFiles.Strings(DeployFiles.Containers(DeployFiles.Object(name.Item1, name.Item2)).Single(), "command"));
        }
    }

    [Fact]
    public async Task Probes_TheDeploymentsPaths_AreServedLiveAtOnceAndReadyOnceAModelIsRegistered()
    {
        var container = DeployFiles.Containers(DeployFiles.Object("StatefulSet", "churnops-server")).Single();
        var ready = ProbePath(container, "readinessProbe", out _);
        var live = ProbePath(container, "livenessProbe", out _);
        await using var server = await ScoringServer.StartAsync();

        Assert.Equal(200, (await server.GetAsync(live)).Status);
        Assert.Equal(503, (await server.GetAsync(ready)).Status);

        await ScoringServer.RegisterModelAsync(server.Workspace);

        Assert.True(await ScoringServer.EventuallyAsync(async () => (await server.GetAsync(ready)).Status == 200), $"{ready} never turned 200 after the model was registered");
        Assert.Equal(200, (await server.GetAsync(live)).Status);
    }

    [Fact]
    public async Task Manifests_EveryChurnOpsEnvironmentVariable_BindsOntoTheSettingItNames()
    {
        var workloads = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var workload in DeployFiles.KubernetesObjects().Where(o => DeployFiles.Text(o, "kind") is "Deployment" or "StatefulSet" or "Job"))
        {
            foreach (var container in DeployFiles.Containers(workload))
            {
                workloads[$"k8s {DeployFiles.Text(DeployFiles.Map(workload, "metadata"), "name")}/{DeployFiles.Text(container, "name")}"] = KubernetesEnvironment(container);
            }
        }

        var compose = DeployFiles.Documents(Path.Combine(DeployFiles.Root, "deploy", "compose.yaml"))[0];
        foreach (var (name, service) in DeployFiles.Map(compose, "services").Children)
        {
            var definition = (YamlMappingNode)service;
            if (DeployFiles.Text(definition, "image")?.StartsWith("ghcr.io/churnops/", StringComparison.Ordinal) == true)
            {
                workloads["compose " + ((YamlScalarNode)name).Value] = ComposeEnvironment(definition);
            }
        }

        Assert.Equal(5, workloads.Count);
        using var project = new TempDirectory();
        Assert.Null((await ChurnOps.Platform.Projects.ProjectTemplate.WriteAsync(project.Path, overwrite: false, CancellationToken.None)).Error);
        foreach (var (workload, environment) in workloads)
        {
            // Every workload names all four team stores it uses; the server also hands the schedules to the scheduler.
            Assert.Contains("CHURNOPS__STORAGE__METADATA", environment.Keys);
            Assert.Contains("CHURNOPS__STORAGE__ARTIFACTS", environment.Keys);
            var (config, errors) = ChurnOps.Platform.Projects.ChurnOpsConfiguration.Read(ChurnOps.Platform.Projects.ChurnOpsConfiguration.Build(project.Path, environment));
            Assert.True(config is not null, $"{workload}: {string.Join("; ", errors)}");
            foreach (var (variable, value) in environment)
            {
                Assert.True(string.Equals(Setting(config, variable), value, StringComparison.OrdinalIgnoreCase), $"{workload}: {variable}={value} bound as '{Setting(config, variable)}'");
            }
        }

        Assert.Equal("false", workloads["k8s churnops-server/server"]["CHURNOPS__PIPELINES__RUN_IN_SERVE"]);
        Assert.Equal("false", workloads["compose server"]["CHURNOPS__PIPELINES__RUN_IN_SERVE"]);
    }

    [Fact]
    public void Manifests_Secrets_AreReferencedNeverWritten()
    {
        foreach (var container in DeployFiles.KubernetesObjects().Where(o => DeployFiles.Text(o, "kind") is "Deployment" or "StatefulSet" or "Job").SelectMany(DeployFiles.Containers))
        {
            var env = container.Children.TryGetValue(new YamlScalarNode("env"), out var list) ? ((YamlSequenceNode)list).Cast<YamlMappingNode>().ToList() : [];
            foreach (var variable in env.Where(e => DeployFiles.Text(e, "name") is { } n && (n.EndsWith("PASSWORD", StringComparison.Ordinal) || n.EndsWith("SECRET_ACCESS_KEY", StringComparison.Ordinal) || n.EndsWith("__METADATA", StringComparison.Ordinal) || n.EndsWith("__WAREHOUSE", StringComparison.Ordinal))))
            {
                Assert.Null(DeployFiles.Text(variable, "value"));
                Assert.Equal("churnops-stores", DeployFiles.Text(DeployFiles.Map(DeployFiles.Map(variable, "valueFrom"), "secretKeyRef"), "name"));
            }
        }
    }

    /// <summary>A container's env: literal values as written, a Secret's key as a value of the kind that key holds.</summary>
    private static Dictionary<string, string?> KubernetesEnvironment(YamlMappingNode container)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!container.Children.TryGetValue(new YamlScalarNode("env"), out var list))
        {
            return environment;
        }

        foreach (var variable in ((YamlSequenceNode)list).Cast<YamlMappingNode>())
        {
            var name = DeployFiles.Text(variable, "name")!;
            environment[name] = DeployFiles.Text(variable, "value") ?? DeployFiles.Text(DeployFiles.Map(DeployFiles.Map(variable, "valueFrom"), "secretKeyRef"), "key") switch
            {
                "postgres-url" => "postgresql://churnops:from-secret@postgres:5432/churnops",
                "s3-endpoint" => "http://s3:9000",
                { } key => "from-secret-" + key,
                null => throw new InvalidOperationException($"{name}: neither a value nor a secretKeyRef"),
            };
        }

        return environment;
    }

    /// <summary>A compose service's environment, merge keys followed and ${VAR:-default} read as its default.</summary>
    private static Dictionary<string, string?> ComposeEnvironment(YamlMappingNode service)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (service.Children.TryGetValue(new YamlScalarNode("environment"), out var node))
        {
            Collect((YamlMappingNode)node, environment);
        }

        return environment;

        static void Collect(YamlMappingNode map, Dictionary<string, string?> into)
        {
            foreach (var (key, value) in map.Children)
            {
                if (((YamlScalarNode)key).Value == "<<")
                {
                    Collect((YamlMappingNode)value, into);
                }
                else
                {
                    into[((YamlScalarNode)key).Value!] = ComposeDefault().Replace(((YamlScalarNode)value).Value!, m => m.Groups[1].Value);
                }
            }
        }
    }

    /// <summary>The bound value of the setting CHURNOPS__A__B_C names (a.b_c in churnops.yaml), as text.</summary>
    private static string? Setting(object config, string variable)
    {
        object? node = config;
        foreach (var segment in variable["CHURNOPS__".Length..].Split("__"))
        {
            var property = node!.GetType().GetProperties().Single(p => string.Equals(SnakeCase(p.Name), segment, StringComparison.OrdinalIgnoreCase));
            node = property.GetValue(node);
        }

        return node?.ToString();
    }

    private static string SnakeCase(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string ProbePath(YamlMappingNode container, string probe, out int port)
    {
        var get = DeployFiles.Map(DeployFiles.Map(container, probe), "httpGet");
        port = int.Parse(DeployFiles.Text(get, "port")!, System.Globalization.CultureInfo.InvariantCulture);
        return DeployFiles.Text(get, "path")!;
    }

    [GeneratedRegex(@"\$\{[A-Z_]+:-([^}]*)\}")]
    private static partial Regex ComposeDefault();

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)\b[^\n]*?-o (?<out>\S+)")]
    private static partial Regex PublishLine();

    [GeneratedRegex(@"(?m)^COPY --from=build (?<from>\S+) (?<to>\S+)$")]
    private static partial Regex CopyFromBuild();

    [GeneratedRegex(@"(?m)^COPY (?<project>src/\S+\.csproj) ")]
    private static partial Regex CopyProject();

    [GeneratedRegex(@"(?m)^ENTRYPOINT \[(?<words>[^\]]*)\]$")]
    private static partial Regex EntryPoint();
}

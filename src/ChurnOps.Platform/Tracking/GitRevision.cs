namespace ChurnOps.Platform.Tracking;

/// <summary>Reads the commit a project directory is checked out at, straight from .git (no git binary needed).</summary>
internal static class GitRevision
{
    public static string? Find(string directory)
    {
        try
        {
            for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            {
                var git = Path.Combine(dir.FullName, ".git");
                if (File.Exists(git))
                {
                    // A worktree or submodule: ".git" is a file pointing at the real git dir.
                    var pointer = File.ReadAllText(git).Trim();
                    return pointer.StartsWith("gitdir:", StringComparison.Ordinal) ? Resolve(Path.GetFullPath(pointer[7..].Trim(), dir.FullName)) : null;
                }

                if (Directory.Exists(git))
                {
                    return Resolve(git);
                }
            }
        }
        catch (IOException)
        {
            // No commit is a fine answer; tracking must not fail because .git is odd.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static string? Resolve(string gitDir)
    {
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }

        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return head;
        }

        var reference = head[4..].Trim();
        // Worktrees keep refs in the common dir.
        var common = File.Exists(Path.Combine(gitDir, "commondir")) ? Path.GetFullPath(File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim(), gitDir) : gitDir;
        foreach (var root in new[] { gitDir, common })
        {
            var refFile = Path.Combine(root, reference);
            if (File.Exists(refFile))
            {
                return File.ReadAllText(refFile).Trim();
            }

            var packed = Path.Combine(root, "packed-refs");
            if (File.Exists(packed))
            {
                var line = File.ReadLines(packed).FirstOrDefault(l => l.EndsWith(" " + reference, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[..line.IndexOf(' ', StringComparison.Ordinal)];
                }
            }
        }

        return null;
    }
}

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// Whether a CSV file ends some lines with CRLF and others with a bare LF. DuckDB's strict reader cannot parse such a
/// file and says only that its state machine reached an invalid state; its lenient mode would also accept ragged rows,
/// so the file is refused with this cause named instead. Read only after a parse has failed.
/// </summary>
internal static class CsvLineEndings
{
    public static bool AreMixed(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var buffer = new byte[1 << 16];
            bool crlf = false, lf = false;
            var previous = (byte)0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        if (previous == (byte)'\r')
                        {
                            crlf = true;
                        }
                        else
                        {
                            lf = true;
                        }

                        if (crlf && lf)
                        {
                            return true;
                        }
                    }

                    previous = buffer[i];
                }
            }

            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

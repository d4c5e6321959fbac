using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// A write-ahead journal that makes an answered prediction durable before its answer goes out. Requests hand their
/// predictions in; one committer appends everything that arrived meanwhile as one group to the current segment file,
/// flushes it to disk once for the whole group (group commit: many requests share one fsync), passes the records on to
/// the warehouse queue in journal order, and only then lets the requests answer. A segment is deleted once the warehouse
/// holds all of its records; segments left by a crash are replayed on the next start (see <see cref="PredictionLog"/>).
/// </summary>
public sealed class PredictionJournal : IAsyncDisposable
{
    private const string Extension = ".journal";
    private const int MaxGroupRecords = 4_096;
    private const long SegmentBytes = 64L * 1024 * 1024;

    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Group> _groups = Channel.CreateUnbounded<Group>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<(string Path, long LastSequence)> _closed = [];
    private readonly Lock _closedLock = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly PredictionInputsJson _inputs = new();
    private readonly HashSet<string> _leftOverIds;
    private Func<PredictionRecord, CancellationToken, ValueTask>? _onDurable;
    private Task? _committer;
    private FileStream? _segment;
    private string _segmentId = string.Empty;
    private long _sequence;
    private long _writtenThrough;

    private PredictionJournal(string directory, TimeProvider time, ILogger logger, IReadOnlyList<string> leftOver)
    {
        _directory = directory;
        _time = time;
        _logger = logger;
        LeftOver = leftOver;
        _leftOverIds = leftOver.Select(SegmentId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Segments an earlier process left behind, oldest first: replayed into the warehouse, then deleted.</summary>
    public IReadOnlyList<string> LeftOver { get; }

    /// <summary>Groups that could not be made durable (the requests were refused, never answered as logged).</summary>
    public long FailedAppends { get; private set; }

    /// <summary>Opens the journal in <paramref name="directory"/>: notes the segments left there and starts a new one.</summary>
    public static PredictionJournal Open(string directory, TimeProvider? time = null, ILogger? logger = null)
    {
        Directory.CreateDirectory(directory);
        var leftOver = Directory.EnumerateFiles(directory, "predictions-*" + Extension).Order(StringComparer.Ordinal).ToList();
        return new PredictionJournal(directory, time ?? TimeProvider.System, logger ?? NullLogger.Instance, leftOver);
    }

    /// <summary>The segment id a file carries (its name), as recorded in the warehouse's journal marks.</summary>
    public static string SegmentId(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Starts the committer; each durable record is handed to <paramref name="onDurable"/> in journal order.</summary>
    internal void Start(Func<PredictionRecord, CancellationToken, ValueTask> onDurable)
    {
        _onDurable = onDurable;
        OpenSegment();
        _committer = Task.Run(CommitLoopAsync);
    }

    /// <summary>Returns once <paramref name="records"/> are on disk and queued for the warehouse.</summary>
    public Task AppendAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var group = new Group(records);
        if (!_groups.Writer.TryWrite(group))
        {
            throw new InvalidOperationException("the prediction journal is closed");
        }

        // Cancelling the wait does not take the records back: they may already be durable, and then they are logged.
        return group.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The warehouse holds every journaled record up to <paramref name="sequence"/>: closed segments it covers go.</summary>
    internal void Written(JournalPosition position)
    {
        // Replayed segments are numbered by the process that wrote them, not this one.
        if (!_leftOverIds.Contains(position.Segment))
        {
            Written(position.Sequence);
        }
    }

    private void Written(long sequence)
    {
        List<string>? done = null;
        lock (_closedLock)
        {
            _writtenThrough = Math.Max(_writtenThrough, sequence);
            for (var i = _closed.Count - 1; i >= 0; i--)
            {
                if (_closed[i].LastSequence <= _writtenThrough)
                {
                    (done ??= []).Add(_closed[i].Path);
                    _closed.RemoveAt(i);
                }
            }
        }

        foreach (var path in done ?? [])
        {
            File.Delete(path);
        }
    }

    /// <summary>Stops taking groups and lets the committer hand on what it holds.</summary>
    internal async Task StopAcceptingAsync()
    {
        _groups.Writer.TryComplete();
        if (_committer is not null)
        {
            await _committer.ConfigureAwait(false);
        }
    }

    /// <summary>Stops, and removes the current segment when the warehouse holds all of it (else the next start replays it).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAcceptingAsync().ConfigureAwait(false);

        if (_segment is { } segment)
        {
            var path = segment.Name;
            await segment.DisposeAsync().ConfigureAwait(false);
            _segment = null;
            bool everythingWritten;
            lock (_closedLock)
            {
                everythingWritten = _writtenThrough >= _sequence;
            }

            if (everythingWritten)
            {
                File.Delete(path);
            }
        }
    }

    private async Task CommitLoopAsync()
    {
        var groups = new List<Group>();
        while (await _groups.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            groups.Clear();
            _buffer.ResetWrittenCount();
            var before = _sequence;
            var count = 0;
            while (count < MaxGroupRecords && _groups.Reader.TryRead(out var group))
            {
                groups.Add(group);
                count += group.Records.Count;
            }

            try
            {
                foreach (var group in groups)
                {
                    Serialize(group);
                }

                _segment!.Write(_buffer.WrittenSpan);
                _segment.Flush(flushToDisk: true);
            }
            catch (Exception ex)
            {
                // Nothing of this group is acknowledged, and the committer must live on for the next one. A torn tail
                // ends replay of this segment, so go on in a fresh one when a file can be opened.
                FailedAppends++;
                PredictionLogMessages.JournalFailed(_logger, count, _segment!.Name, ex);
                foreach (var failed in groups)
                {
                    failed.Done.TrySetException(new IOException("the prediction could not be logged durably: " + ex.Message, ex));
                }

                _sequence = before;
                TryRotateSegment();
                continue;
            }

            foreach (var group in groups)
            {
                foreach (var record in group.Durable)
                {
                    await _onDurable!(record, CancellationToken.None).ConfigureAwait(false);
                }

                group.Done.TrySetResult();
            }

            if (_segment.Position >= SegmentBytes)
            {
                TryRotateSegment();
            }
        }
    }

    /// <summary>Writes the group's lines into the buffer; each record is kept with its inputs JSON and its journal position.</summary>
    private void Serialize(Group group)
    {
        using var writer = new Utf8JsonWriter(_buffer);
        for (var i = 0; i < group.Records.Count; i++)
        {
            var record = group.Records[i];
            var durable = record with { InputsJson = _inputs.For(record), InputRow = null, Journal = new JournalPosition(_segmentId, ++_sequence) };
            group.Durable[i] = durable;
            JsonSerializer.Serialize(writer, new PredictionJournalEntry(_sequence, durable), PredictionSpoolJson.Default.PredictionJournalEntry);
            writer.Flush();
            writer.Reset();
            _buffer.Write("\n"u8);
        }
    }

    private void TryRotateSegment()
    {
        try
        {
            RotateSegment();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No new file (a full or read-only disk): the next group tries the current one again, and fails visibly.
        }
    }

    /// <summary>Opens the next segment first (a failure leaves the current one in use), then closes the current one.</summary>
    private void RotateSegment()
    {
        var old = _segment!;
        OpenSegment();
        lock (_closedLock)
        {
            _closed.Add((old.Name, _sequence));
        }

        old.Dispose();
        Written(0);
    }

    private void OpenSegment()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"predictions-{_time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}{Extension}");
        var path = Path.Combine(_directory, name);
        _segment = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _segmentId = SegmentId(path);
    }

    private sealed class Group(IReadOnlyList<PredictionRecord> records)
    {
        public IReadOnlyList<PredictionRecord> Records { get; } = records;

        public PredictionRecord[] Durable { get; } = new PredictionRecord[records.Count];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// A write-ahead journal that makes an answered prediction durable before its answer goes out. A request writes its
/// predictions' lines on its own thread and, under a short lock, copies them into the open group and takes that group's
/// completion. The flusher takes the whole open group at a time, writes it with one write and flushes it to disk (group
/// commit: every request of the group shares one fdatasync), passes the records on to the warehouse queue in journal
/// order, and then completes the group, releasing all its requests at once. It runs as two lanes (threads) in turn, so
/// the group that fills during one flush is written and flushed without waiting for that flush to end; groups still
/// complete in journal order, and a group's flush covers every byte written before it, so none is answered before all
/// earlier lines of its segment are durable. The lanes are threads of their own because the flush blocks: on the thread
/// pool they would hold back workers from the requests on a small machine.
/// Segments are made full-size and zero-filled before use (see <see cref="PredictionJournalDisk"/>), so the flush is a
/// data-only fdatasync; a segment's lines end at its first zero byte.
/// A segment is deleted once the warehouse holds all of its records; segments left by a crash are replayed on the next
/// start (see <see cref="PredictionLog"/>).
/// </summary>
public sealed class PredictionJournal : IAsyncDisposable
{
    private const string Extension = ".journal";
    private const long DefaultSegmentBytes = 16L * 1024 * 1024;

    // Two flushes in flight: a group that fills while one flushes starts its own at once instead of waiting for it, so
    // a request waits about one flush, not up to two. More lanes would add flushes, not shorten the wait much.
    private const int DefaultLanes = 2;

    // 16 paced megabytes take about a third of a second to fill; at 25k predictions/s a segment lasts about one.
    private static readonly TimeSpan FillPause = TimeSpan.FromMilliseconds(10);

    // Each request thread writes its lines into its own reusable buffer, outside the lock.
    [ThreadStatic]
    private static PredictionJournalLines? t_lines;

    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource _flusherDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Path, long LastSequence)> _closed = [];
    private readonly Lock _closedLock = new();
    private readonly HashSet<string> _leftOverIds;
    private readonly SemaphoreSlim[] _writeTurn;
    private readonly SemaphoreSlim[] _completeTurn;
    private Func<PredictionRecord, CancellationToken, ValueTask>? _onDurable;
    private bool _started;
    private int _lanesRunning;
    private long _failedAppends;
    private long _flushes;

    // Under _gate: the group requests append to, the next sequence number, and whether the flusher sleeps.
    private Group _open = new();
    private long _sequence;
    private bool _accepting = true;
    private bool _flusherWaiting;

    // The writing turn's own (read elsewhere only once the lanes have stopped); the torn mark is also set in the completing turn.
    private FileStream? _segment;
    private string _segmentId = string.Empty;
    private bool _segmentTorn;
    private Task<FileStream>? _nextSegment;

    // The completing turn's own: the last sequence answered, and the last failure with the segment it happened in.
    private long _committedThrough;
    private Exception? _lastFailure;
    private FileStream? _lastFailedSegment;

    // Under _closedLock.
    private long _writtenThrough;

    private PredictionJournal(string directory, long segmentBytes, int lanes, TimeProvider time, ILogger logger, IReadOnlyList<string> leftOver)
    {
        _directory = directory;
        _segmentBytes = segmentBytes;
        // The first lane holds both turns to begin with; each passes them on to the next in a ring.
        _writeTurn = [.. Enumerable.Range(0, lanes).Select(i => new SemaphoreSlim(i == 0 ? 1 : 0, 1))];
        _completeTurn = [.. Enumerable.Range(0, lanes).Select(i => new SemaphoreSlim(i == 0 ? 1 : 0, 1))];
        _time = time;
        _logger = logger;
        LeftOver = leftOver;
        _leftOverIds = leftOver.Select(SegmentId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Segments an earlier process left behind, oldest first: replayed into the warehouse, then deleted.</summary>
    public IReadOnlyList<string> LeftOver { get; }

    /// <summary>Groups that could not be made durable (the requests were refused, never answered as logged).</summary>
    public long FailedAppends => Interlocked.Read(ref _failedAppends);

    /// <summary>Flushes to disk so far, one per group committed (benchmarks relate them to appends).</summary>
    internal long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Opens the journal in <paramref name="directory"/>: notes the segments left there and starts a new one.</summary>
    public static PredictionJournal Open(string directory, TimeProvider? time = null, ILogger? logger = null) =>
        Open(directory, DefaultSegmentBytes, DefaultLanes, time, logger);

    /// <summary>
    /// Opens the journal with segments of <paramref name="segmentBytes"/> (tests use small ones to rotate often) and
    /// <paramref name="lanes"/> flushes in flight at most (1: one group commit at a time, as a plain group-commit log).
    /// </summary>
    internal static PredictionJournal Open(string directory, long segmentBytes, int lanes = DefaultLanes, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lanes);
        Directory.CreateDirectory(directory);
        var leftOver = Directory.EnumerateFiles(directory, "predictions-*" + Extension).Order(StringComparer.Ordinal).ToList();
        return new PredictionJournal(directory, segmentBytes, lanes, time ?? TimeProvider.System, logger ?? NullLogger.Instance, leftOver);
    }

    /// <summary>The segment id a file carries (its name), as recorded in the warehouse's journal marks.</summary>
    public static string SegmentId(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Starts the flusher; each durable record is handed to <paramref name="onDurable"/> in journal order.</summary>
    internal void Start(Func<PredictionRecord, CancellationToken, ValueTask> onDurable)
    {
        _onDurable = onDurable;
        UseSegment(CreateSegment(paced: false));
        _started = true;
        _lanesRunning = _writeTurn.Length;
        for (var lane = 0; lane < _writeTurn.Length; lane++)
        {
            new Thread(FlushLane) { IsBackground = true, Name = $"ChurnOps prediction journal {lane}" }.Start(lane);
        }
    }

    /// <summary>
    /// Returns once <paramref name="records"/> are on disk and queued for the warehouse. The wait is one group commit and
    /// is not cut short by <paramref name="cancellationToken"/>: once appended, the records are logged whatever the caller does.
    /// </summary>
    public Task AppendAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var lines = t_lines ??= new PredictionJournalLines();
        lines.Clear();
        for (var i = 0; i < records.Count; i++)
        {
            lines.Add(records[i]);
        }

        Task durable;
        bool wake;
        lock (_gate)
        {
            if (!_accepting)
            {
                throw new InvalidOperationException("the prediction journal is closed");
            }

            var group = _open;
            for (var i = 0; i < records.Count; i++)
            {
                var sequence = ++_sequence;
                lines.CopyLine(i, sequence, group.Lines);
                group.Records.Add(new Pending(records[i], lines.InputsJson(i), sequence));
            }

            durable = group.Done.Task;
            wake = _flusherWaiting;
            _flusherWaiting = false;
        }

        if (wake)
        {
            _wake.Release();
        }

        return durable;
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

    /// <summary>Stops taking predictions and lets the flusher commit and hand on what it holds.</summary>
    internal Task StopAcceptingAsync()
    {
        bool wake;
        lock (_gate)
        {
            _accepting = false;
            wake = _flusherWaiting;
            _flusherWaiting = false;
        }

        if (wake)
        {
            _wake.Release();
        }

        return _started ? _flusherDone.Task : Task.CompletedTask;
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
                everythingWritten = _writtenThrough >= Volatile.Read(ref _committedThrough);
            }

            if (everythingWritten)
            {
                File.Delete(path);
            }
        }

        // A segment made ready in advance and never used holds nothing.
        if (_nextSegment is { } prepared)
        {
            _nextSegment = null;
            try
            {
                var unused = await prepared.ConfigureAwait(false);
                var path = unused.Name;
                await unused.DisposeAsync().ConfigureAwait(false);
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It was never made, or is left as zeros: replay reads nothing from it and deletes it.
                PredictionLogMessages.UnusedSegmentLeft(_logger, ex);
            }
        }
    }

    /// <summary>
    /// One lane of the flusher. Lanes take turns, in a fixed order, at writing (taking the open group and writing its lines)
    /// and, separately, at completing (handing its records on and answering its requests); between the two a lane flushes
    /// with no turn held, so the next lane writes and flushes the following group meanwhile.
    /// </summary>
    private void FlushLane(object? state)
    {
        var lane = (int)state!;
        var next = (lane + 1) % _writeTurn.Length;
        try
        {
            var spare = new Group();
            while (true)
            {
                _writeTurn[lane].Wait();
                var group = TakeGroup(spare);
                if (group is null)
                {
                    // Stopped and drained: the next lane finds the same and stops too.
                    _writeTurn[next].Release();
                    return;
                }

                var completing = false;
                try
                {
                    completing = Write(group, lane);
                }
                finally
                {
                    _writeTurn[next].Release();
                }

                if (group.Failure is null)
                {
                    try
                    {
                        PredictionJournalDisk.Flush(group.Segment!);
                        Interlocked.Increment(ref _flushes);
                    }
                    catch (Exception ex)
                    {
                        group.Failure = ex;
                    }
                }

                if (!completing)
                {
                    _completeTurn[lane].Wait();
                }

                try
                {
                    Complete(group);
                }
                finally
                {
                    _completeTurn[next].Release();
                }

                group.Reset();
                spare = group;
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _lanesRunning) == 0)
            {
                _flusherDone.TrySetResult();
            }
        }
    }

    /// <summary>Swaps in the empty group for the open one, sleeping while nothing is open; null once stopped and drained.</summary>
    private Group? TakeGroup(Group spare)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_open.Records.Count > 0)
                {
                    var group = _open;
                    _open = spare;
                    return group;
                }

                if (!_accepting)
                {
                    return null;
                }

                _flusherWaiting = true;
            }

            _wake.Wait();
        }
    }

    /// <summary>
    /// Writes the group's lines with one write, in the writing turn. Rotating first waits for the completing turn (every
    /// earlier group done, so no flush is still in flight on the segment being closed); true when it holds that turn.
    /// </summary>
    private bool Write(Group group, int lane)
    {
        var completing = false;
        try
        {
            // Nothing is written after a group that failed part-way: replay stops at the first torn line.
            if (Volatile.Read(ref _segmentTorn))
            {
                _completeTurn[lane].Wait();
                completing = true;
                RotateSegment();
            }
            else if (_segment!.Position > 0 && _segment.Position + group.Lines.WrittenCount > _segmentBytes)
            {
                _completeTurn[lane].Wait();
                completing = true;
                TryRotateSegment();
            }
        }
        catch (Exception ex)
        {
            group.Failure = ex;
            group.Segment = _segment;
            return completing;
        }

        group.Segment = _segment;
        group.SegmentId = _segmentId;
        try
        {
            _segment!.Write(group.Lines.WrittenSpan);
        }
        catch (Exception ex)
        {
            group.Failure = ex;
            Volatile.Write(ref _segmentTorn, true);
            return completing;
        }

        // The next segment is zero-filled in the background while this one fills, so rotating never waits on it.
        if (_nextSegment is null && _segment.Position >= _segmentBytes / 4)
        {
            // On a thread of its own: the fill blocks, and must not hold a thread-pool worker from the requests.
            _nextSegment = Task.Factory.StartNew(() => CreateSegment(paced: true), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        return completing;
    }

    /// <summary>
    /// In the completing turn, so in journal order: the group's records go on to the warehouse and its requests answer; or,
    /// when it or the group before it in the same segment failed, its requests are refused (its lines may lie after torn ones).
    /// </summary>
    private void Complete(Group group)
    {
        var failure = group.Failure;
        if (failure is null && _lastFailure is { } earlier && ReferenceEquals(_lastFailedSegment, group.Segment))
        {
            failure = new IOException("an earlier write to the same journal segment failed", earlier);
        }

        if (failure is not null)
        {
            // Nothing of this group is acknowledged, and the lanes live on for the next one (in a new segment).
            Volatile.Write(ref _segmentTorn, true);
            _lastFailure = failure;
            _lastFailedSegment = group.Segment;
            Interlocked.Increment(ref _failedAppends);
            PredictionLogMessages.JournalFailed(_logger, group.Records.Count, group.Segment?.Name ?? _directory, failure);
            group.Done.TrySetException(new IOException("the prediction could not be logged durably: " + failure.Message, failure));
            return;
        }

        foreach (var pending in group.Records)
        {
            var durable = pending.Record with { InputsJson = pending.InputsJson, InputRow = null, Journal = new JournalPosition(group.SegmentId, pending.Sequence) };
            var queued = _onDurable!(durable, CancellationToken.None);
            if (!queued.IsCompletedSuccessfully)
            {
                // The warehouse queue is full: the flusher waits for room, and with it every request (never a drop).
                queued.AsTask().GetAwaiter().GetResult();
            }
        }

        Volatile.Write(ref _committedThrough, group.Records[^1].Sequence);
        group.Done.TrySetResult();
    }

    private void TryRotateSegment()
    {
        try
        {
            RotateSegment();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No new file (a full or read-only disk): the current one grows past its size, and the next group tries again.
            PredictionLogMessages.RotateFailed(_logger, Path.GetDirectoryName(_segment!.Name) ?? string.Empty, _segment.Name, ex);
        }
    }

    /// <summary>Opens the next segment first (a failure leaves the current one in use), then closes the current one.</summary>
    private void RotateSegment()
    {
        var old = _segment!;
        var prepared = _nextSegment;
        _nextSegment = null;
        UseSegment(prepared is null ? CreateSegment(paced: false) : prepared.GetAwaiter().GetResult());
        Volatile.Write(ref _segmentTorn, false);
        lock (_closedLock)
        {
            _closed.Add((old.Name, Volatile.Read(ref _committedThrough)));
        }

        old.Dispose();
        Written(0);
    }

    private FileStream CreateSegment(bool paced)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"predictions-{_time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}{Extension}");
        return PredictionJournalDisk.CreateZeroFilled(Path.Combine(_directory, name), _segmentBytes, paced ? FillPause : TimeSpan.Zero);
    }

    private void UseSegment(FileStream segment)
    {
        _segment = segment;
        _segmentId = SegmentId(segment.Name);
    }

    /// <summary>A prediction waiting in a group: the request's record, its inputs JSON, and its sequence number.</summary>
    private readonly record struct Pending(PredictionRecord Record, string? InputsJson, long Sequence);

    /// <summary>The lines and records of the requests that will share one flush, and the completion they all wait on.</summary>
    private sealed class Group
    {
        public ArrayBufferWriter<byte> Lines { get; } = new(64 * 1024);

        public List<Pending> Records { get; } = [];

        public TaskCompletionSource Done { get; private set; } = NewDone();

        /// <summary>The segment the lines went to, and its id (set in the writing turn).</summary>
        public FileStream? Segment { get; set; }

        public string SegmentId { get; set; } = string.Empty;

        /// <summary>Why the lines could not be written or flushed; null when they are durable.</summary>
        public Exception? Failure { get; set; }

        public void Reset()
        {
            Lines.ResetWrittenCount();
            Records.Clear();
            Done = NewDone();
            Segment = null;
            SegmentId = string.Empty;
            Failure = null;
        }

        // Asynchronous continuations: the flusher must not run the requests' responses itself.
        private static TaskCompletionSource NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

// The managed callback types of the binding. The native thunks that call them are generated
// (generated/Callbacks.g.cs); download sinks and publish sources are plain System.IO.Stream.
namespace Tsc
{
    /// <summary>
    /// Progress of a transfer: <paramref name="done"/> bytes of <paramref name="total"/> (-1 when
    /// unknown). Runs on the calling thread during the call. Throwing aborts the transfer; the
    /// exception is rethrown by the call.
    /// </summary>
    public delegate void ProgressHandler(ulong done, long total);
}

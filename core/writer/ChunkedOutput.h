#pragma once
// Cuts a recording into chunks and names them: PATH.ext when chunking is off,
// PATH_part0000.ext, PATH_part0001.ext, ... otherwise. An unchunked recording
// that must start a new file (the source changed its codec setup) goes on in
// PATH_2.ext, PATH_3.ext, ...
//
// Timestamps (docs/timestamps.md):
// - The recording starts at the first video keyframe (first packet for
//   audio-only); packets of other streams older than that are dropped, since
//   they precede the first picture.
// - A cut happens at the first video keyframe at or after the target length
//   (any packet when there is no video). Packets of the other streams still
//   older than the cut go to the closing chunk, so every packet lands in
//   exactly one chunk and each chunk starts with a keyframe.
// - MP4 and FLV chunks start at time 0 each. MPEG-TS chunks keep the
//   recording's continuous timeline (like HLS segments), so parts can be
//   concatenated byte-wise and still play each on its own.

#include "core/writer/Writer.h"

#include <QStringList>

namespace tapedeck {

class ChunkedOutput {
public:
    ChunkedOutput(ContainerType type, QString outBase, qint64 chunkDurationMs, WriterOptions options);
    ~ChunkedOutput();

    // Paths that would be written first: used to refuse an existing file
    // before anything starts.
    static QStringList firstTargets(ContainerType type, const QString &outBase, qint64 chunkDurationMs);
    static QString chunkPath(ContainerType type, const QString &outBase, qint64 chunkDurationMs, int index);

    void setStreams(const std::vector<StreamInfo> &streams);
    // The stream layout changed (codec parameters): cut at the next keyframe
    // and open the next chunk with `streams`.
    void changeStreams(const std::vector<StreamInfo> &streams);

    // Marks a gap in the source before the next packet (MP4: a chapter; TS
    // and FLV: a line of NAME.ext.marks).
    void markGap(const QString &title) { m_pendingMarkers.push_back({title, true}); }
    // A named marker before the next packet, kept like a gap.
    void addMarker(const QString &title) { m_pendingMarkers.push_back({title, false}); }
    // Starts the next chunk at the next cut point (video keyframe), whatever
    // the chunk length; an unchunked recording goes on in BASE_2.ext.
    void splitAtNextCutPoint() { m_splitAsked = m_started; }

    // pkt has normalized (monotonic) timestamps in its stream's time base.
    Status write(const AVPacket *pkt);
    // Hands what the open chunks' writers hold to the kernel (Writer.h).
    Status flush();
    // Closes every open chunk; returns all finished files.
    Result<QStringList> finish();
    void abandon();

    bool started() const { return m_started; }
    int chunkIndex() const { return m_index; }
    QString currentPath() const { return m_curPath; }
    QStringList finishedFiles() const { return m_finished; }
    // The writers' notes about the files finished so far.
    QStringList notes() const { return m_notes; }
    qint64 bytesWritten() const;
    qint64 mediaDurationUs() const { return m_lastUs > m_startUs ? m_lastUs - m_startUs : 0; }
    qint64 skippedBeforeStart() const { return m_skipped; }

private:
    struct Open {
        std::unique_ptr<ContainerWriter> writer;
        QString path;
        qint64 startUs = 0;
        std::vector<StreamInfo> streams;
    };

    Status openChunk(qint64 startUs);
    Status closePrevious();
    Status writeTo(Open &o, const AVPacket *pkt);
    qint64 toUs(const AVPacket *pkt) const;
    bool isCutPoint(const AVPacket *pkt) const;

    PacketPtr m_scratch; // writeTo(): the shifted copy of a packet
    ContainerType m_type;
    QString m_base;
    qint64 m_chunkUs;
    WriterOptions m_opt;
    std::vector<StreamInfo> m_streams;
    std::vector<StreamInfo> m_pendingStreams;
    bool m_streamsChangePending = false;
    int m_videoIndex = -1;

    Open m_cur;
    Open m_prev;                         // still takes old packets after a cut
    std::vector<bool> m_prevSeenPastCut; // per stream
    qint64 m_prevCutUs = 0;

    bool m_started = false;
    int m_index = -1;
    QString m_curPath;
    qint64 m_startUs = 0;
    qint64 m_lastUs = 0;
    qint64 m_skipped = 0;
    qint64 m_closedBytes = 0;
    QStringList m_finished;
    QStringList m_notes;
    struct PendingMarker {
        QString title;
        bool gap = false;
    };
    std::vector<PendingMarker> m_pendingMarkers;
    bool m_splitAsked = false;
};

} // namespace tapedeck

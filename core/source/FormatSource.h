#pragma once
// A source libavformat opens: network URLs, listener URLs and local files.

#include "core/base/Interrupt.h"
#include "core/source/LiveTsFrames.h"
#include "core/source/Source.h"

namespace tapedeck {

class FormatSource final : public PacketSource {
public:
    FormatSource(QString url, SourceOptions options);
    ~FormatSource() override;

    Status open() override;
    const std::vector<StreamInfo> &streams() const override { return m_streams; }
    SourceTags sourceTags() const override { return m_sourceTags; }
    std::vector<CatalogProgram> catalog() const override { return m_catalog; }
    Result<PacketPtr> read() override;
    bool isLive() const override { return m_live; }
    QString displayName() const override;

private:
    Error classifyOpenError(int err); // may look the host up (re-arms the deadline)
    void pace(const AVPacket *pkt);
    bool recordable(unsigned inputIndex) const; // a kind and codec a writer may keep
    StreamInfo streamInfo(unsigned inputIndex) const;

    QString m_url;
    SourceOptions m_opt;
    Interrupter m_interrupt;
    InputFormatContextPtr m_ctx;
    std::vector<StreamInfo> m_streams;
    SourceTags m_sourceTags;
    std::vector<CatalogProgram> m_catalog;
    std::vector<int> m_map; // input stream index -> our index, -1 = ignored
    LiveTsFrames m_frames;  // live MPEG-TS: frames handed over without the parser's delay
    bool m_live = true;
    bool m_listener = false;
    // Real-time pacing for local files
    qint64 m_paceStartNs = 0;
    qint64 m_paceFirstUs = AV_NOPTS_VALUE;
};

} // namespace tapedeck

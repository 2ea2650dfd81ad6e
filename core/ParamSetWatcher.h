#pragma once
// Notices a mid-stream change of H.264 parameter sets (a new resolution or
// profile announced in-band at a keyframe, as MPEG-TS and RTMP encoders do)
// so the session can start a new MP4 chunk there. Libavformat does not
// update codec parameters mid-stream for these, so the packets are read.

#include "core/MediaTypes.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace tapedeck {

class ParamSetWatcher {
public:
    void reset(const std::vector<StreamInfo> &streams);
    // For a keyframe of the first video stream whose SPS/PPS differ from the
    // current ones: the stream set with the new extradata and dimensions.
    std::optional<std::vector<StreamInfo>> check(const AVPacket *pkt);

private:
    std::vector<StreamInfo> m_streams;
    int m_video = -1;
    int m_lengthSize = 0; // 0 = Annex B packets, else AVCC length-field size
    QByteArray m_sps, m_pps;
    bool m_inBandSeen = false;
};

} // namespace tapedeck

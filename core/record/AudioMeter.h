#pragma once
// Audio level meters: peak and RMS per channel of a recording's own audio
// (no second connection to the source), decoded on a thread of the meter's
// own, never the writer's. The writer hands it packet references through a
// small bounded queue and they are dropped when the meter falls behind: a
// meter may skip a packet, the recording may not wait for it.

#include "core/base/FFmpeg.h"
#include "core/base/MediaTypes.h"
#include "core/record/PacketWorker.h"

#include <mutex>
#include <optional>
#include <vector>

namespace tapedeck {

inline constexpr float kMeterFloorDb = -90.0f; // what silence reads as
inline constexpr float kSilenceDb = -60.0f;    // every channel below this: silent

struct AudioLevels {
    std::vector<float> peakDb; // per channel, dBFS, kMeterFloorDb..0
    std::vector<float> rmsDb;
    qint64 silentMs = 0; // media time every channel has stayed below kSilenceDb
    qint64 measured = 0; // frames measured so far (0: nothing yet)
};

struct ChannelLevels {
    std::vector<float> peakDb;
    std::vector<float> rmsDb;
};

// Peak and RMS of each channel of a decoded frame: planar or packed float,
// double, 16- or 32-bit integer. Nothing for another sample format.
std::optional<ChannelLevels> measureFrame(const AVFrame *frame);

class AudioMeter {
public:
    AudioMeter() = default;
    ~AudioMeter(); // stops and joins
    AudioMeter(const AudioMeter &) = delete;
    AudioMeter &operator=(const AudioMeter &) = delete;

    // (Re)starts on `audio` (the stream's codec parameters). False when no
    // decoder exists for it: the meter then stays silent.
    bool start(const StreamInfo &audio);
    void stop();
    // A reference to `pkt` for the meter's thread; dropped when it lags.
    void push(const AVPacket *pkt);
    AudioLevels levels() const;

private:
    void decode(AVPacket *pkt); // on the worker's thread

    CodecContextPtr m_dec; // the worker's while it runs
    FramePtr m_frame;
    mutable std::mutex m_mutex; // guards m_levels
    AudioLevels m_levels;
    PacketWorker m_worker; // last: stopped first
};

} // namespace tapedeck

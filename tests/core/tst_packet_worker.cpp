// The writer's helpers run beside it (core/record/PacketWorker.h): handing a
// packet over never waits for a slow handler, a full queue refuses or
// replaces as asked, and nothing is handled after stop().
#include "core/record/PacketWorker.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace tapedeck;

namespace {

PacketPtr packetAt(int64_t pts)
{
    PacketPtr p = makePacket();
    if (av_new_packet(p.get(), 4) < 0)
        return nullptr;
    p->pts = p->dts = pts;
    return p;
}

// A handler that records what it got and, while `held`, blocks on the
// first packet until released: a decoder far slower than the writer.
struct SlowHandler {
    std::mutex mutex;
    std::condition_variable changed;
    bool held = true;
    bool entered = false;
    std::vector<int64_t> seen;
    std::thread::id thread;

    PacketWorker::Handler handler()
    {
        return [this](AVPacket *pkt) {
            std::unique_lock lock(mutex);
            seen.push_back(pkt->pts);
            thread = std::this_thread::get_id();
            entered = true;
            changed.notify_all();
            changed.wait(lock, [this] { return !held; });
        };
    }
    bool waitEntered()
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(30), [this] { return entered; });
    }
    void release()
    {
        std::lock_guard lock(mutex);
        held = false;
        changed.notify_all();
    }
    size_t count()
    {
        std::lock_guard lock(mutex);
        return seen.size();
    }
};

} // namespace

class TestPacketWorker : public QObject {
    Q_OBJECT
private slots:
    void refuseNewKeepsTheFirstInOrder()
    {
        SlowHandler h;
        PacketWorker w;
        w.start(h.handler(), 4, PacketWorker::WhenFull::RefuseNew);
        QVERIFY(w.push(packetAt(0).get()));
        QVERIFY(h.waitEntered());
        // The handler is stuck on packet 0: the next 99 pushes all return,
        // four wait, the rest are refused.
        int accepted = 0;
        for (int i = 1; i < 100; ++i)
            accepted += w.push(packetAt(i).get()) ? 1 : 0;
        QCOMPARE(accepted, 4);
        QCOMPARE(w.skipped(), qint64(95));
        QCOMPARE(h.count(), size_t(1));
        QVERIFY(h.thread != std::this_thread::get_id());
        h.release();
        QTRY_COMPARE_WITH_TIMEOUT(h.count(), size_t(5), 30000);
        w.stop();
        QCOMPARE(h.seen, (std::vector<int64_t>{0, 1, 2, 3, 4}));
    }

    void replaceOldestHandsOverTheNewest()
    {
        SlowHandler h;
        PacketWorker w;
        w.start(h.handler(), 1, PacketWorker::WhenFull::ReplaceOldest);
        QVERIFY(w.push(packetAt(0).get()));
        QVERIFY(h.waitEntered());
        for (int i = 1; i < 100; ++i)
            QVERIFY(w.push(packetAt(i).get())); // never refused: it replaces
        QCOMPARE(w.skipped(), qint64(98));
        h.release();
        QTRY_COMPARE_WITH_TIMEOUT(h.count(), size_t(2), 30000);
        w.stop();
        QCOMPARE(h.seen, (std::vector<int64_t>{0, 99}));
    }

    void nothingIsHandledAfterStop()
    {
        SlowHandler h;
        PacketWorker w;
        w.start(h.handler(), 8, PacketWorker::WhenFull::RefuseNew);
        QVERIFY(w.push(packetAt(0).get()));
        QVERIFY(h.waitEntered());
        for (int i = 1; i <= 8; ++i)
            QVERIFY(w.push(packetAt(i).get()));
        std::thread stopper([&] { w.stop(); }); // waits for packet 0 only
        // Release the handler only once stop() has taken effect, or the
        // worker may take the queued packets first (a race of the test, not
        // of the worker). While the queue is full a refused push counts as
        // skipped; once stopped it does not. Bounded: 5 s.
        for (int i = 0; i < 1000; ++i) {
            const qint64 before = w.skipped();
            QVERIFY(!w.push(packetAt(100).get()));
            if (w.skipped() == before)
                break;
            QThread::msleep(5);
        }
        h.release();
        stopper.join();
        QCOMPARE(h.count(), size_t(1));
        QVERIFY(!w.push(packetAt(9).get())); // stopped: refused
        // Started again, it works as new.
        w.start(h.handler(), 1, PacketWorker::WhenFull::RefuseNew);
        QVERIFY(w.push(packetAt(10).get()));
        QTRY_COMPARE_WITH_TIMEOUT(h.count(), size_t(2), 30000);
        QCOMPARE(h.seen.back(), int64_t(10));
    }
};

QTEST_GUILESS_MAIN(TestPacketWorker)
#include "tst_packet_worker.moc"

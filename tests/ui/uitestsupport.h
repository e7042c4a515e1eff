#pragma once

// What the desktop app's tests share: the demo on a real rolloutd, rolloutctl runs against
// the same state dir, and settings kept out of the user's own.

#include "hostfixture.h"

#include <QStringList>

namespace UiTest {

// Keeps QSettings and data folders in Qt's test locations.
void isolateSettings();

// Endpoint `demo` with `blue` (all traffic) and `green` (0 %) from the build's demo files.
bool createDemo(HostFixture &host, QString *error);

// Runs build/bin/rolloutctl with ROLLOUTDESK_STATE_DIR = the host's state dir; returns its
// exit code (-1 when it did not finish) and its output in *output.
int rolloutctl(const HostFixture &host, const QStringList &arguments, QString *output = nullptr);

// The endpoint's live traffic as the host has it now (zeros dropped).
TrafficMap hostTraffic(HostFixture &host, const QString &endpoint);
TrafficMap hostMirror(HostFixture &host, const QString &endpoint);

} // namespace UiTest

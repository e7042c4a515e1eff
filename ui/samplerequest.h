#pragma once

// The demo's sample request (sample-request.json): the default body of the Test panel and
// the load generator when the user has given none.

#include <QByteArray>
#include <QString>

namespace SampleRequest {

// In the demo folder DemoSeeder finds; empty when there is none.
QString path();
QByteArray body(); // empty when none is found

} // namespace SampleRequest

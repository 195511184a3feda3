#pragma once
// TLS contexts for the hub and its desktops: mutual certificates from one CA, TLS 1.2+.

#include <Poco/Net/Context.h>

#include <string>

namespace nmdt::integration {

/// Client side: presents this desktop's certificate; trusts only the neighbourhood CA and
/// checks the hub's name.
Poco::Net::Context::Ptr makeClientContext(const std::string& keyFile, const std::string& certFile,
                                          const std::string& caFile);
/// Server side: requires a client certificate issued by the CA.
Poco::Net::Context::Ptr makeServerContext(const std::string& keyFile, const std::string& certFile,
                                          const std::string& caFile);

}  // namespace nmdt::integration

// nmdt-cli: administer an encrypted Neighbourhood MDT store from the command line.
#include <iostream>

#include "commands.h"
#include "platform/console.h"

int main(int argc, char** argv) {
    nmdt::cli::console::useUtf8Output();
    std::vector<std::string> args = nmdt::cli::console::arguments(argc, argv);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        nmdt::cli::printUsage(std::cout);
        return args.empty() ? nmdt::cli::kUsage : nmdt::cli::kOk;
    }
    try {
        return nmdt::cli::run(nmdt::cli::parseArguments(args), std::cout, std::cerr);
    } catch (const std::invalid_argument& e) {
        std::cerr << "nmdt-cli: " << e.what() << "\n\n";
        nmdt::cli::printUsage(std::cerr);
        return nmdt::cli::kUsage;
    }
}

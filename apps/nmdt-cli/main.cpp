// nmdt-cli: administer an encrypted Neighbourhood MDT store from the command line.
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
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

package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command and subcommand answers {@code --help} with exit 0, says in one line what it does, and
 * describes every option; no help shows "(null)" where a default would be. Walks the command tree
 * picocli builds, so a command added later is covered without a change here.
 */
class HelpTextTest {
  @Test
  void everyCommandExplainsItselfAndEveryOption() {
    List<CommandLine> all = new ArrayList<>();
    collect(new CommandLine(new Main()), all);
    assertThat(all).hasSizeGreaterThan(30);
    List<String> problems = new ArrayList<>();
    for (CommandLine command : all) {
      CommandSpec spec = command.getCommandSpec();
      String name = spec.qualifiedName();
      String[] description = spec.usageMessage().description();
      if (description.length == 0 || description[0].isBlank()) {
        problems.add(name + ": no description");
      } else if (!description[0].strip().endsWith(".")) {
        problems.add(name + ": the description's first line is cut off or not a sentence: " + description[0]);
      }
      if (!spec.mixinStandardHelpOptions()) {
        problems.add(name + ": no --help");
      }
      for (OptionSpec option : spec.options()) {
        if (option.description().length == 0 || String.join(" ", option.description()).isBlank()) {
          problems.add(name + " " + option.longestName() + ": no description");
        }
      }
      StringWriter out = new StringWriter();
      CommandLine fresh = new CommandLine(new Main());
      fresh.setOut(new PrintWriter(out));
      fresh.setErr(new PrintWriter(out));
      List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
      args.add("--help");
      int exit = fresh.execute(args.toArray(String[]::new));
      if (exit != 0) {
        problems.add(name + " --help: exit " + exit + ": " + out);
      }
      if (out.toString().contains("(null)")) {
        problems.add(name + " --help shows (null)");
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!into.contains(sub)) {
        collect(sub, into);
      }
    }
  }
}

/**
 * Classes that break the boundary rules on purpose, so that {@code ArchitectureRulesCanFailTest} can show each rule
 * failing. Test sources only: the rules' check of the real code imports production classes alone.
 */
package dev.kizuna.loyalty.archfixture;

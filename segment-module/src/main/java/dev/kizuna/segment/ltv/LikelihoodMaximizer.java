package dev.kizuna.segment.ltv;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.function.ToDoubleFunction;

/**
 * Maximum likelihood over strictly positive parameters. The search runs on their logarithms, so it needs no bounds
 * and treats a parameter of 0.2 and one of 20 alike; Nelder-Mead because the likelihoods here have no cheap gradient,
 * restarted from its own result until a fresh simplex finds nothing better (a single run can stall in a flattened
 * simplex short of the maximum).
 */
final class LikelihoodMaximizer {
    private static final int MAX_EVALUATIONS_PER_RUN = 100_000;
    private static final int MAX_RUNS = 20;
    private static final double FIRST_SIMPLEX_SIDE = 1.0;
    private static final double RESTART_SIMPLEX_SIDE = 0.1;
    /** A run that improves the log-likelihood by less than this (relative) ends the search. */
    private static final double SETTLED = 1e-11;

    /** The maximizing parameters, the log-likelihood there and the Nelder-Mead iterations over all runs. */
    record Maximum(double[] parameters, double logLikelihood, int iterations) {
    }

    private LikelihoodMaximizer() {
    }

    /**
     * @param logLikelihood log-likelihood at (positive, finite) parameters; NaN counts as impossible
     * @param start         starting parameters, all &gt; 0
     * @throws ArithmeticException if the search does not settle
     */
    static Maximum maximize(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        ObjectiveFunction objective = new ObjectiveFunction(logParameters -> {
            double[] parameters = new double[logParameters.length];
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = Math.exp(logParameters[i]);
                if (parameters[i] == 0 || parameters[i] == Double.POSITIVE_INFINITY) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            double value = logLikelihood.applyAsDouble(parameters);
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        });
        double[] point = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            point[i] = Math.log(start[i]);
        }
        double value = objective.getObjectiveFunction().value(point);
        int iterations = 0;
        for (int run = 0; run < MAX_RUNS; run++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-13, 1e-12);
            PointValuePair best;
            try {
                best = optimizer.optimize(new MaxEval(MAX_EVALUATIONS_PER_RUN), objective, GoalType.MAXIMIZE,
                        new InitialGuess(point),
                        new NelderMeadSimplex(point.length, run == 0 ? FIRST_SIMPLEX_SIDE : RESTART_SIMPLEX_SIDE));
            } catch (MathIllegalStateException e) {
                throw new ArithmeticException("maximum likelihood did not converge within "
                        + MAX_EVALUATIONS_PER_RUN + " evaluations: " + e.getMessage());
            }
            iterations += optimizer.getIterations();
            double improvement = best.getValue() - value;
            if (improvement > 0) {
                point = best.getPoint();
                value = best.getValue();
            }
            if (run > 0 && !(improvement > SETTLED * Math.abs(value))) {
                if (value == Double.NEGATIVE_INFINITY) {
                    throw new ArithmeticException("the likelihood is zero wherever the search looked");
                }
                double[] parameters = new double[point.length];
                for (int i = 0; i < point.length; i++) {
                    parameters[i] = Math.exp(point[i]);
                }
                return new Maximum(parameters, value, iterations);
            }
        }
        throw new ArithmeticException("maximum likelihood did not settle after " + MAX_RUNS + " Nelder-Mead runs");
    }
}

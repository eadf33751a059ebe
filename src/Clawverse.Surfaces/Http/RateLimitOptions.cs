using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Clawverse.Surfaces.Http;

/// <summary>The limit in force for each named rule: the default of <see cref="RateLimitRules"/> unless the
/// operator set it, times CLAWVERSE_RATE_LIMIT_SCALE.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";
    public const string ScaleVariable = "CLAWVERSE_RATE_LIMIT_SCALE";

    private readonly Dictionary<string, RateLimitRule> _rules;

    public RateLimitOptions() => _rules = RateLimitRules.All.ToDictionary(d => d.Name, d => d.Default, StringComparer.Ordinal);

    /// <summary>Every rule at the same limit: tests and the bench start here and lower what they test.</summary>
    public static RateLimitOptions Uniform(RateLimitRule rule)
    {
        var options = new RateLimitOptions();
        foreach (var definition in RateLimitRules.All)
        {
            options._rules[definition.Name] = rule;
        }

        return options;
    }

    public RateLimitRule this[RateLimitDefinition definition]
    {
        get => _rules[definition.Name];
        set => _rules[definition.Name] = value;
    }

    // Typed shortcuts for the rules the native surface and its tests name.
    public RateLimitRule PerIp { get => this[RateLimitRules.PerIp]; set => this[RateLimitRules.PerIp] = value; }
    public RateLimitRule PerKey { get => this[RateLimitRules.PerKey]; set => this[RateLimitRules.PerKey] = value; }
    public RateLimitRule RegisterPerIp { get => this[RateLimitRules.Register]; set => this[RateLimitRules.Register] = value; }
    public RateLimitRule SetupOwnerEmailPerAgent { get => this[RateLimitRules.SetupOwnerEmail]; set => this[RateLimitRules.SetupOwnerEmail] = value; }
    public RateLimitRule OwnerEmailStartPerEmail { get => this[RateLimitRules.OwnerEmailStartPerEmail]; set => this[RateLimitRules.OwnerEmailStartPerEmail] = value; }
    public RateLimitRule OwnerEmailStartPerIp { get => this[RateLimitRules.OwnerEmailStartPerIp]; set => this[RateLimitRules.OwnerEmailStartPerIp] = value; }
    public RateLimitRule OwnerEmailCompletePerToken { get => this[RateLimitRules.OwnerEmailCompletePerToken]; set => this[RateLimitRules.OwnerEmailCompletePerToken] = value; }
    public RateLimitRule OwnerEmailCompletePerIp { get => this[RateLimitRules.OwnerEmailCompletePerIp]; set => this[RateLimitRules.OwnerEmailCompletePerIp] = value; }

    /// <summary>Reads RateLimits:&lt;name&gt; (appsettings) or CLAWVERSE_RATE_LIMIT_&lt;NAME&gt; for each rule, and
    /// the scale. A name in the section that no rule has is refused, so a typo never passes silently.</summary>
    public static RateLimitOptions Load(IConfiguration config)
    {
        var options = new RateLimitOptions();
        var section = config.GetSection(SectionName);
        foreach (var child in section.GetChildren())
        {
            if (!RateLimitRules.All.Any(d => d.Name == child.Key))
            {
                throw new InvalidOperationException(
                    $"{SectionName}:{child.Key} names no rate limit; the names are {string.Join(", ", RateLimitRules.All.Select(d => d.Name))}.");
            }
        }

        foreach (var definition in RateLimitRules.All)
        {
            var value = section[definition.Name] ?? config[definition.EnvironmentVariable]
                ?? Environment.GetEnvironmentVariable(definition.EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                options[definition] = RateLimitRule.Parse(value.Trim(), $"{definition.EnvironmentVariable} ({SectionName}:{definition.Name})");
            }
        }

        var scale = config["rate-limit-scale"] ?? config[ScaleVariable] ?? Environment.GetEnvironmentVariable(ScaleVariable);
        if (!string.IsNullOrWhiteSpace(scale))
        {
            options.Scale(double.TryParse(scale, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && double.IsFinite(factor)
                ? factor
                : throw new InvalidOperationException($"{ScaleVariable} must be a positive number (0.5, 10), not '{scale}'."));
        }

        return options;
    }

    /// <summary>Multiplies every limit, keeping at least one request per window.</summary>
    public void Scale(double factor)
    {
        foreach (var (name, rule) in _rules.ToList())
        {
            _rules[name] = rule with { Limit = (int)Math.Clamp(Math.Round(rule.Limit * factor), 1, int.MaxValue) };
        }
    }
}

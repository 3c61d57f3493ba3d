using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samspil.Features.Plans;

/// <summary>"Mine opgaver": the professional's open actions across the courses whose plan they may read, overdue first.</summary>
public sealed class TasksModel(PlanService plans) : PageModel
{
    public IReadOnlyList<MyTaskView> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tasks = await plans.MyTasksAsync(cancellationToken);
}
